import type { AliasPair } from './types';
import type { TargetName } from '../model/result';
import { escapeRegExp } from './baseUrl';

/**
 * A value captured under the same name on each side (an order id each gateway's backend created)
 * is one value for comparison: the legacy's and the candidate's become `{{alias:<name>}}`.
 *
 * Inside longer strings (`/order/<id>`, a Location) only values of at least `minSubstringLength`
 * characters are replaced, and only at word boundaries, so a short id such as `7` never rewrites
 * `quantity 7`. Short values and numbers are matched as whole values, and only as a PAIR (legacy
 * value here, candidate value there), by `aliasPairFor`.
 */
export const minSubstringLength = 4;
export const aliasRule = (name: string): string => `alias:${name}`;
export const aliasPlaceholder = (name: string): string => `{{alias:${name}}}`;
export const aliasFact = (name: string): string =>
  `"${name}" was captured on each side from its own response (per-target variable scopes); the legacy and candidate values stand for one another.`;

export interface SideAlias {
  name: string;
  value: string;
  pattern: RegExp;
}

/** This side's alias values, longest first (so a value containing another wins). */
export function sideAliases(pairs: readonly AliasPair[], target: TargetName): SideAlias[] {
  return pairs
    .filter((pair) => pair[target].length >= minSubstringLength)
    .map((pair) => ({ name: pair.name, value: pair[target], pattern: wordBounded(pair[target]) }))
    .sort((a, b) => b.value.length - a.value.length);
}

/** Replaces this side's alias values in `text`; returns the names replaced. */
export function replaceAliases(text: string, aliases: readonly SideAlias[]): { text: string; names: string[] } {
  const names: string[] = [];
  let out = text;
  for (const alias of aliases) {
    if (!out.includes(alias.value)) continue;
    const next = out.replace(alias.pattern, aliasPlaceholder(alias.name));
    if (next !== out) names.push(alias.name);
    out = next;
  }
  return { text: out, names };
}

/** The alias pair two whole values form (legacy value on the left, candidate on the right), if any. */
export function aliasPairFor(legacy: unknown, candidate: unknown, pairs: readonly AliasPair[]): AliasPair | undefined {
  if (!isScalar(legacy) || !isScalar(candidate)) return undefined;
  const l = String(legacy);
  const c = String(candidate);
  return pairs.find((pair) => pair.legacy === l && pair.candidate === c && pair.legacy !== pair.candidate);
}

function isScalar(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

function wordBounded(value: string): RegExp {
  const before = /^\w/.test(value) ? '(?<![A-Za-z0-9_])' : '';
  const after = /\w$/.test(value) ? '(?![A-Za-z0-9_])' : '';
  return new RegExp(`${before}${escapeRegExp(value)}${after}`, 'g');
}
