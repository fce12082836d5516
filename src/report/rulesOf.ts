import type { Disposition, TokenParityResult } from '../model/result';
import type { CaseDigest } from './caseDigest';
import { byText } from './groupBySuite';

/**
 * One rule's use over a run: how often, why (up to five distinct reasons), where (case name and
 * path, at most `maxPlacesPerRule` places; `more` counts the places left out).
 */
export interface RuleUse {
  count: number;
  reasons: Set<string>;
  where: string[];
  more: number;
}

/**
 * Differences of one disposition per rule, from the digests (each keeps a few places per rule) and
 * the token-parity findings, ordered by rule name: what the HTML and the sign-off list per rule.
 */
export function rulesOf(digests: readonly CaseDigest[], parity: TokenParityResult | undefined, disposition: Disposition, maxPlacesPerRule: number): Map<string, RuleUse> {
  const rules = new Map<string, RuleUse>();
  const use = (rule: string): RuleUse => {
    let entry = rules.get(rule);
    if (!entry) rules.set(rule, (entry = { count: 0, reasons: new Set(), where: [], more: 0 }));
    return entry;
  };
  const prefix = `${disposition}:`;
  for (const d of digests) {
    for (const rule of d.rules) {
      if (!rule.key.startsWith(prefix)) continue;
      const entry = use(rule.key.slice(prefix.length));
      entry.count += rule.count;
      if (rule.reason && entry.reasons.size < 5) entry.reasons.add(rule.reason);
      for (const p of rule.paths) {
        if (entry.where.length < maxPlacesPerRule) entry.where.push(`${d.name} ${p}`);
        else entry.more += 1;
      }
    }
  }
  for (const f of parity?.findings ?? []) {
    if (f.disposition !== disposition) continue;
    const entry = use(f.rule ?? '(no rule)');
    entry.count += 1;
    if (f.reason) entry.reasons.add(f.reason);
    if (entry.where.length < maxPlacesPerRule) entry.where.push(`token parity ${f.path}`);
  }
  return new Map([...rules].sort(([a], [b]) => byText(a, b)));
}

