import { jsonPathMatches, jsonPathMatchesExactly, type PathKey } from '../model/jsonPath';
import type { ArrayPolicy } from '../suite/types';
import type { DiffOptions } from './types';
import { matcherEqual } from './matchers';
import type { CompiledRules } from './userRules';

type EqualHook = NonNullable<DiffOptions['equal']>;

const strict: ArrayPolicy = { kind: 'strict' };

/**
 * How the user pairs array elements (`arrays`: the last rule naming the exact path wins). Pairing
 * is part of what "equal" means for that array, not an acceptance, so every diff pass — raw,
 * normalized, user view, noise — uses it; a reorder under `any-order` is no difference at all.
 */
export function arrayOptions(rules: CompiledRules, equal?: EqualHook, keyAlias?: DiffOptions['keyAlias']): DiffOptions {
  const options: DiffOptions = {};
  if (rules.arrays.length > 0) options.arrayPolicy = (path) => lastExact(rules.arrays, path)?.policy ?? strict;
  if (equal) options.equal = equal;
  if (keyAlias && rules.arrays.length > 0) options.keyAlias = keyAlias;
  return options;
}

/**
 * The diff engine's hooks for the user's view: array pairing, plus `ignore` (prunes) and `match`
 * (relaxes equality through a typed matcher; the last rule naming the exact path wins).
 * `fallbackEqual` (alias pairs) is asked where no matcher settles the question.
 */
export function userDiffOptions(rules: CompiledRules, fallbackEqual?: EqualHook, keyAlias?: DiffOptions['keyAlias']): DiffOptions {
  const options = arrayOptions(rules, fallbackEqual, keyAlias);
  if (rules.ignore.length > 0) options.skip = (path) => rules.ignore.some((rule) => jsonPathMatches(rule.pattern, path));
  if (rules.match.length > 0) {
    options.equal = (path, legacy, candidate) => {
      const rule = lastExact(rules.match, path);
      if (rule && matcherEqual(rule.matcher, legacy, candidate)) return true;
      return fallbackEqual?.(path, legacy, candidate);
    };
  }
  return options;
}

export function lastExact<T extends { pattern: Parameters<typeof jsonPathMatchesExactly>[0] }>(rules: readonly T[], path: readonly PathKey[]): T | undefined {
  for (let i = rules.length - 1; i >= 0; i -= 1) if (jsonPathMatchesExactly(rules[i]!.pattern, path)) return rules[i];
  return undefined;
}

/**
 * The headers as the user's rules see them: `ignore` removes a header, `must-exist` compares it
 * by presence only (its value differences are accepted by that rule).
 */
export function userHeaderView(headers: Record<string, unknown>, rules: CompiledRules): Record<string, unknown> {
  if (rules.headers.size === 0) return headers;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    const rule = rules.headers.get(name)?.rule;
    if (rule === 'ignore') continue;
    out[name] = rule === 'must-exist' ? '«present»' : value;
  }
  return out;
}
