import { didYouMeanSuffix } from '../shared/didYouMean';
import { jsonPathHint, jsonPathProblem } from './jsonPathCheck';
import { emptyRules } from './mergeRules';
import { acceptKeys, rulesKeys, toleranceKeys } from './schema';
import {
  arrayPolicyKinds,
  headerRules,
  matcherTypes,
  type ArrayPolicy,
  type Matcher,
  type ParityRules,
  type RuleOrigin,
  type RuleScope,
} from './types';
import type { Cursor, MapEntry, YamlReader } from './yamlReader';

/** Matchers written as a bare word; the others need a parameter. */
const wordMatchers = matcherTypes.filter((type) => type !== 'regex' && type !== 'tolerance');

const matcherHint = `Matchers: ${wordMatchers.join(', ')}, { regex: '<pattern>' }, { tolerance: <number> } or { tolerance: { absolute: <n>, relative: <fraction> } }.`;
const arrayHint = 'Array policies: strict, any-order or { by-key: <field> }.';

/**
 * Parses a `rules:` block (suite, case, step or `_global.yaml`). Bad entries are reported and
 * left out, so the rest of the file is still checked.
 */
export function parseRules(reader: YamlReader, cursor: Cursor, scope: RuleScope, file: string): ParityRules {
  const rules = emptyRules();
  const entries = reader.map(cursor, rulesKeys, 'rules');
  if (!entries) return rules;
  const origin = (at: Cursor): RuleOrigin => {
    const line = reader.line(at);
    return line === undefined ? { scope, file } : { scope, file, line };
  };

  const ignore = entries.get('ignore');
  if (ignore) {
    for (const item of reader.list(ignore, 'JSON paths to ignore') ?? []) {
      const path = reader.string(item);
      if (path !== undefined && pathOk(reader, item, path)) rules.ignore.push({ path, origin: origin(item) });
    }
  }

  const match = entries.get('match');
  if (match) {
    for (const entry of reader.freeMap(match, 'JSON path → matcher') ?? []) {
      const matcher = parseMatcher(reader, entry.cursor);
      if (keyPathOk(reader, match, entry) && matcher) rules.match.push({ path: entry.key, matcher, origin: origin(entry.cursor) });
    }
  }

  const arrays = entries.get('arrays');
  if (arrays) {
    for (const entry of reader.freeMap(arrays, 'JSON path → array policy') ?? []) {
      const policy = parseArrayPolicy(reader, entry.cursor);
      if (keyPathOk(reader, arrays, entry) && policy) rules.arrays.push({ path: entry.key, policy, origin: origin(entry.cursor) });
    }
  }

  const headers = entries.get('headers');
  if (headers) {
    for (const entry of reader.freeMap(headers, 'header name → rule') ?? []) {
      const rule = reader.oneOf(entry.cursor, headerRules, 'header rule');
      if (rule) rules.headers.push({ name: entry.key.toLowerCase(), rule, origin: origin(entry.cursor) });
    }
  }

  const accept = entries.get('accept');
  if (accept) {
    for (const item of reader.list(accept, 'accepted differences') ?? []) {
      const parsed = parseAccept(reader, item);
      if (parsed) rules.accept.push({ ...parsed, origin: origin(item) });
    }
  }
  return rules;
}

function pathOk(reader: YamlReader, cursor: Cursor, path: string): boolean {
  const problem = jsonPathProblem(path);
  if (problem) reader.fail(cursor, problem, jsonPathHint);
  return problem === undefined;
}

function keyPathOk(reader: YamlReader, parent: Cursor, entry: MapEntry): boolean {
  const problem = jsonPathProblem(entry.key);
  if (problem) reader.failAtKey(parent, entry.cursor.keyNode, problem, jsonPathHint);
  return problem === undefined;
}

function parseMatcher(reader: YamlReader, cursor: Cursor): Matcher | undefined {
  if (reader.kind(cursor) === 'string') {
    const word = reader.string(cursor)!;
    if (word === 'regex' || word === 'tolerance') {
      const example = word === 'regex' ? "{ regex: '^[A-Z]' }" : '{ tolerance: 0.5 }';
      return reader.fail(cursor, `matcher "${word}" needs a parameter: write ${example}`, matcherHint);
    }
    const type = wordMatchers.find((candidate) => candidate === word);
    if (type) return { type } as Matcher;
    return reader.fail(cursor, `unknown matcher "${word}".${didYouMeanSuffix(word, matcherTypes)}`, matcherHint);
  }
  const entries = reader.freeMap(cursor, 'a matcher');
  if (!entries) return undefined;
  if (entries.length !== 1) return reader.fail(cursor, `a matcher mapping has exactly one key (regex or tolerance), found ${entries.length}`, matcherHint);
  const [{ key, cursor: value }] = entries as [MapEntry];
  switch (key) {
    case 'regex': {
      const pattern = reader.string(value, { nonEmpty: true });
      if (pattern === undefined) return undefined;
      const problem = regexProblem(pattern);
      return problem ? reader.fail(value, problem, 'Use JavaScript regular expression syntax; quote the pattern in single quotes.') : { type: 'regex', pattern };
    }
    case 'tolerance':
      return parseTolerance(reader, value);
    default:
      if ((wordMatchers as readonly string[]).includes(key)) {
        return reader.failAtKey(cursor, value.keyNode, `matcher "${key}" takes no parameter: write it as the word ${key}`, matcherHint);
      }
      return reader.failAtKey(cursor, value.keyNode, `unknown matcher "${key}".${didYouMeanSuffix(key, matcherTypes)}`, matcherHint);
  }
}

function parseTolerance(reader: YamlReader, cursor: Cursor): Matcher | undefined {
  if (reader.kind(cursor) === 'number') {
    const absolute = reader.number(cursor, { min: 0 });
    return absolute === undefined ? undefined : { type: 'tolerance', absolute };
  }
  const entries = reader.map(cursor, toleranceKeys, 'a tolerance');
  if (!entries) return undefined;
  const absoluteAt = entries.get('absolute');
  const relativeAt = entries.get('relative');
  if (!absoluteAt && !relativeAt) return reader.fail(cursor, 'a tolerance needs "absolute", "relative" or both', 'e.g. { tolerance: { relative: 0.01 } } allows 1% difference.');
  const absolute = absoluteAt ? reader.number(absoluteAt, { min: 0 }) : undefined;
  const relative = relativeAt ? reader.number(relativeAt, { min: 0, max: 1 }) : undefined;
  if ((absoluteAt && absolute === undefined) || (relativeAt && relative === undefined)) return undefined;
  return { type: 'tolerance', absolute, relative };
}

function parseArrayPolicy(reader: YamlReader, cursor: Cursor): ArrayPolicy | undefined {
  if (reader.kind(cursor) === 'string') {
    const word = reader.string(cursor)!;
    if (word === 'strict' || word === 'any-order') return { kind: word };
    if (word === 'by-key') return reader.fail(cursor, 'array policy "by-key" needs the key field: write { by-key: <field> }', arrayHint);
    return reader.fail(cursor, `unknown array policy "${word}".${didYouMeanSuffix(word, arrayPolicyKinds)}`, arrayHint);
  }
  const entries = reader.map(cursor, ['by-key'], 'an array policy');
  if (!entries) return undefined;
  const keyAt = entries.get('by-key');
  if (!keyAt) return reader.fail(cursor, 'an array policy mapping needs "by-key"', arrayHint);
  const key = reader.string(keyAt, { nonEmpty: true });
  return key === undefined ? undefined : { kind: 'by-key', key };
}

/** `accept:` paths may name a body path, `status`, or `header:<name>` — the paths differences carry. */
function parseAccept(reader: YamlReader, cursor: Cursor): { path: string; reason: string; legacy?: unknown; candidate?: unknown } | undefined {
  const entries = reader.map(cursor, acceptKeys, 'an accepted difference');
  if (!entries) return undefined;
  const pathAt = entries.get('path');
  const reasonAt = entries.get('reason');
  if (!pathAt && !entries.misspelled('path')) reader.fail(cursor, 'an accepted difference needs "path"', 'e.g. path: $.customer_name (or status, or header:x-name).');
  if (!reasonAt && !entries.misspelled('reason')) {
    reader.fail(cursor, 'an accepted difference needs "reason"', 'Say in one sentence why this difference is fine; it is printed in the sign-off report.');
  }
  const path = pathAt ? reader.string(pathAt, { nonEmpty: true }) : undefined;
  const reason = reasonAt ? reader.string(reasonAt, { nonEmpty: true }) : undefined;
  let pathValid = path !== undefined;
  if (path !== undefined && path !== 'status' && !/^header:[^\s:]+$/i.test(path)) pathValid = pathOk(reader, pathAt!, path);
  if (!pathValid || reason === undefined) return undefined;
  const legacyAt = entries.get('legacy');
  const candidateAt = entries.get('candidate');
  return {
    path: path!.startsWith('header:') ? path!.toLowerCase() : path!,
    reason: reason.trim(),
    ...(legacyAt ? { legacy: reader.plain(legacyAt) } : {}),
    ...(candidateAt ? { candidate: reader.plain(candidateAt) } : {}),
  };
}

export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (error) {
    const detail = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    return `invalid regular expression "${pattern}": ${detail.charAt(0).toLowerCase()}${detail.slice(1)}`;
  }
}
