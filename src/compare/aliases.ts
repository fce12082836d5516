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
const minSubstringLength = 4;
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

/**
 * The alias pairs that make two strings equal inside them: split at word boundaries, the two
 * strings must agree token by token, except where the legacy has a pair's legacy value and the
 * candidate, at the same place, that pair's candidate value (`/invoices/100` vs `/invoices/102`,
 * `order 100 created` vs `order 102 created`). Works for ids of any length — a short id is only
 * matched as a PAIR at one place, never rewritten wherever it happens to occur. Undefined when
 * the strings differ otherwise.
 */
export function aliasPairsInside(legacy: string, candidate: string, pairs: readonly AliasPair[]): AliasPair[] | undefined {
  if (pairs.length === 0 || legacy === candidate) return undefined;
  const ours = legacy.split(tokenBoundary);
  const theirs = candidate.split(tokenBoundary);
  if (ours.length !== theirs.length) return undefined;
  const used: AliasPair[] = [];
  for (let i = 0; i < ours.length; i += 1) {
    if (ours[i] === theirs[i]) continue;
    const pair = pairs.find((candidatePair) => candidatePair.legacy === ours[i] && candidatePair.candidate === theirs[i]);
    if (!pair) return undefined;
    if (!used.includes(pair)) used.push(pair);
  }
  return used.length > 0 ? used : undefined;
}

/** Word tokens and what lies between them, both kept: `a/100?x` → `a`, `/`, `100`, `?`, `x`. */
const tokenBoundary = /([A-Za-z0-9_]+)/;

/**
 * For `by-key` array pairing: the legacy key value a candidate key value stands for (an element
 * with the candidate's own id pairs with the legacy's element of the legacy id), of the same type.
 */
export function legacyKeyFor(candidateKey: unknown, pairs: readonly AliasPair[]): string | number | undefined {
  if (!isScalar(candidateKey)) return undefined;
  const pair = pairs.find((p) => p.candidate === String(candidateKey) && p.legacy !== p.candidate);
  if (!pair) return undefined;
  if (typeof candidateKey === 'number') return Number.isFinite(Number(pair.legacy)) ? Number(pair.legacy) : undefined;
  return pair.legacy;
}

function isScalar(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

function wordBounded(value: string): RegExp {
  const before = /^\w/.test(value) ? '(?<![A-Za-z0-9_])' : '';
  const after = /\w$/.test(value) ? '(?![A-Za-z0-9_])' : '';
  return new RegExp(`${before}${escapeRegExp(value)}${after}`, 'g');
}
