import { JsonPathSyntaxError, parseJsonPath, type PathSegment } from '../model/jsonPath';
import { SuiteError } from '../errors';
import type { ArrayPolicy, HeaderRule, ParityRules, RuleOrigin } from '../suite/types';
import { compileMatcher, type CompiledMatcher } from './matchers';

/** A user rule with its JSON path parsed once per step. */
interface PathRule {
  path: string;
  pattern: PathSegment[];
  origin: RuleOrigin;
}

export interface CompiledRules {
  ignore: PathRule[];
  match: Array<PathRule & { matcher: CompiledMatcher }>;
  arrays: Array<PathRule & { policy: ArrayPolicy }>;
  /** `pattern` is absent for the non-JSON paths `status` and `header:<name>`. */
  accept: Array<{ path: string; pattern?: PathSegment[]; reason: string; legacy?: unknown; candidate?: unknown; origin: RuleOrigin }>;
  /** By lower-cased header name; the last rule for a name wins (later scopes win). */
  headers: Map<string, { rule: HeaderRule; origin: RuleOrigin }>;
}

/**
 * Parses the step's merged user rules. The loader validated them already; a path or regex that
 * still does not parse is reported against the file and line that declared it.
 */
export function compileRules(rules: ParityRules): CompiledRules {
  // Steps share their rules object when no case or step adds rules (one per suite): compile once.
  let compiled = compiledByRules.get(rules);
  if (!compiled) {
    compiled = compile(rules);
    compiledByRules.set(rules, compiled);
  }
  return compiled;
}

/** Compiled rules are never changed after compiling, so one object serves every step sharing the rules. */
const compiledByRules = new WeakMap<ParityRules, CompiledRules>();

function compile(rules: ParityRules): CompiledRules {
  const headers = new Map<string, { rule: HeaderRule; origin: RuleOrigin }>();
  for (const header of rules.headers) headers.set(header.name.toLowerCase(), { rule: header.rule, origin: header.origin });
  return {
    ignore: rules.ignore.map((rule) => ({ ...rule, pattern: parse(rule.path, rule.origin) })),
    match: rules.match.map((rule) => ({ ...rule, pattern: parse(rule.path, rule.origin), matcher: compileChecked(rule.matcher, rule.origin) })),
    arrays: rules.arrays.map((rule) => ({ ...rule, pattern: parse(rule.path, rule.origin) })),
    accept: rules.accept.map((rule) => (rule.path.startsWith('$') ? { ...rule, pattern: parse(rule.path, rule.origin) } : { ...rule })),
    headers,
  };
}

export function headerRuleMap(rules: CompiledRules): ReadonlyMap<string, HeaderRule> {
  let map = headerRulesOf.get(rules);
  if (!map) {
    map = new Map([...rules.headers].map(([name, entry]) => [name, entry.rule]));
    headerRulesOf.set(rules, map);
  }
  return map;
}

const headerRulesOf = new WeakMap<CompiledRules, ReadonlyMap<string, HeaderRule>>();

/** `step rule at suites/orders.yaml:14` — where a user rule was declared, as its acceptance reason. */
export function describeOrigin(origin: RuleOrigin): string {
  return `${origin.scope} rule at ${origin.file}${origin.line === undefined ? '' : `:${origin.line}`}`;
}

function parse(path: string, origin: RuleOrigin): PathSegment[] {
  try {
    return parseJsonPath(path);
  } catch (error) {
    if (!(error instanceof JsonPathSyntaxError)) throw error;
    throw new SuiteError(error.message, { file: origin.file, line: origin.line, path: 'rules', hint: 'Write paths like $.items[*].price or $..id.', cause: error });
  }
}

function compileChecked(matcher: Parameters<typeof compileMatcher>[0], origin: RuleOrigin): CompiledMatcher {
  try {
    return compileMatcher(matcher);
  } catch (error) {
    throw new SuiteError(`invalid regex matcher: ${(error as Error).message}`, { file: origin.file, line: origin.line, path: 'rules.match', cause: error });
  }
}
