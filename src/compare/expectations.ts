import { evaluateJsonPath, parseJsonPath } from '../model/jsonPath';
import type { Difference, Exchange, ExpectationResult, TargetName } from '../model/result';
import type { Expectation } from '../suite/types';
import { jsonDeepEqual } from './diff/jsonDeepEqual';

/**
 * The step's `expect:` block, checked on ONE side's recorded response. Templates in expected
 * values are expanded with that side's own values (`{{base}}`, captured aliases); anything else
 * in `{{…}}` is compared literally. Check names: `status`, `header:<name>`, or the JSON path.
 */
export function evaluateExpectations(expect: Expectation, exchange: Exchange, vars: Record<string, string>): ExpectationResult[] {
  const response = exchange.response;
  if (!response) return [];
  const target = exchange.target;
  const results: ExpectationResult[] = [];
  if (expect.status.length > 0) {
    results.push({ target, check: 'status', ok: expect.status.includes(response.status), expected: expect.status, actual: response.status });
  }
  for (const [rawName, rule] of Object.entries(expect.headers)) {
    const name = rawName.toLowerCase();
    const actual = response.headers[name];
    const expected = 'equals' in rule ? expand(rule.equals, vars) : 'present';
    const ok = 'equals' in rule ? actual === expected : actual !== undefined;
    results.push({ target, check: `header:${name}`, ok, expected, actual });
  }
  for (const [path, value] of Object.entries(expect.json)) {
    const expected = expandDeep(value, vars);
    const found = response.body.kind === 'json' ? evaluateJsonPath(parseJsonPath(path), response.body.json) : [];
    const ok = found.length > 0 && found.every((item) => jsonDeepEqual(item, expected));
    results.push({ target, check: path, ok, expected, actual: found.length === 1 ? found[0] : found });
  }
  return results;
}

/**
 * Expectation outcomes as differences: the candidate failing one the legacy keeps is a
 * regression; failing one the legacy fails too is `both-fail` — the suite or its credentials are
 * wrong (both 401 because `auth:` is), not the candidate: the case still fails, counted apart; the
 * legacy failing one the candidate keeps is an improvement. With a recorded legacy that has no
 * answer to check, the candidate's failure stays a regression.
 */
export function expectationDifferences(results: readonly ExpectationResult[]): Difference[] {
  const differences: Difference[] = [];
  for (const candidate of results.filter((result) => result.target === 'candidate')) {
    const legacy = results.find((result) => result.target === 'legacy' && result.check === candidate.check);
    if (!candidate.ok && legacy && !legacy.ok) {
      differences.push(expectationDifference(candidate, legacy, 'both-fail', `fails on the legacy too: check the suite or the credentials (expectation ${candidate.check} = ${show(candidate.expected)})`));
    } else if (!candidate.ok) {
      differences.push(expectationDifference(candidate, legacy, 'regression', `candidate breaks the expectation ${candidate.check} = ${show(candidate.expected)}`));
    } else if (legacy && !legacy.ok) {
      differences.push(expectationDifference(candidate, legacy, 'improvement', `legacy breaks the expectation ${candidate.check} = ${show(candidate.expected)}; the candidate keeps it`));
    }
  }
  return differences;
}

/** Checks the legacy failed and the candidate passed: the differences they cause are improvements, not regressions. */
export function improvedChecks(results: readonly ExpectationResult[]): string[] {
  return results
    .filter((result) => result.target === 'candidate' && result.ok)
    .filter((result) => results.some((other) => other.target === 'legacy' && other.check === result.check && !other.ok))
    .map((result) => result.check);
}

export function expectationVars(baseUrl: string, aliases: ReadonlyArray<{ name: string } & Record<TargetName, string>>, target: TargetName): Record<string, string> {
  const vars: Record<string, string> = { base: baseUrl.replace(/\/+$/, '') };
  for (const alias of aliases) vars[alias.name] = alias[target];
  return vars;
}

function expectationDifference(candidate: ExpectationResult, legacy: ExpectationResult | undefined, disposition: Difference['disposition'], reason: string): Difference {
  const difference: Difference = { area: 'expectation', path: candidate.check, kind: 'violation', disposition, reason };
  if (legacy?.actual !== undefined) difference.legacy = legacy.actual;
  if (candidate.actual !== undefined) difference.candidate = candidate.actual;
  return difference;
}

function expand(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (all, name: string) => vars[name] ?? all);
}

function expandDeep(value: unknown, vars: Record<string, string>): unknown {
  return typeof value === 'string' ? expand(value, vars) : value;
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
