import { pathPattern } from '../model/jsonPath';
import type { Difference, UnlistedDifferences } from '../model/result';

/**
 * How many differences one step lists: enough for every report to show what broke and where, few
 * enough that a 10 MB body with 1 % of its leaves changed does not put 5,000 rows per case into
 * every report. Before the list is filled in the order the differences were found, the first
 * `firstOfEach` of every disposition and rule are kept, so a rare kind (2 noise differences among
 * 5,000 regressions) is always listed; once a step holds `maxGroups` unlisted groups, further paths
 * of a rule are counted together as `(other paths)`.
 */
export const differenceListLimits = { maxListed: 1_000, firstOfEach: 10, maxGroups: 100 } satisfies ListLimits;

interface ListLimits {
  maxListed: number;
  firstOfEach: number;
  maxGroups: number;
}

export interface ListedDifferences {
  /** In the order they were found. */
  listed: Difference[];
  /** Everything else, counted; empty when every difference is listed. */
  unlisted: UnlistedDifferences[];
}

/** The differences a step lists, and the rest counted by disposition, rule and path pattern. */
export function listDifferences(differences: readonly Difference[], limits: ListLimits = differenceListLimits): ListedDifferences {
  if (differences.length <= limits.maxListed) return { listed: [...differences], unlisted: [] };
  const byRule = new Map<string, number[]>();
  differences.forEach((d, index) => {
    const key = ruleOf(d);
    const indexes = byRule.get(key);
    if (indexes) indexes.push(index);
    else byRule.set(key, [index]);
  });
  const kept = new Uint8Array(differences.length);
  let room = limits.maxListed;
  const keep = (index: number): void => {
    if (room > 0 && kept[index] === 0) {
      kept[index] = 1;
      room -= 1;
    }
  };
  // One of every rule first (there may be more rules than room), then the first few of each, then in order.
  for (const indexes of byRule.values()) keep(indexes[0]!);
  for (const indexes of byRule.values()) for (const index of indexes.slice(1, limits.firstOfEach)) keep(index);
  for (let index = 0; index < differences.length && room > 0; index += 1) keep(index);

  const listed: Difference[] = [];
  const groups = new Map<string, UnlistedDifferences>();
  differences.forEach((d, index) => {
    if (kept[index] === 1) listed.push(d);
    else countUnlisted(groups, d, limits.maxGroups);
  });
  return { listed, unlisted: [...groups.values()] };
}

function countUnlisted(groups: Map<string, UnlistedDifferences>, d: Difference, maxGroups: number): void {
  const pattern = pathPattern(d.path);
  let key = `${ruleOf(d)}\u0000${d.area}\u0000${pattern}\u0000${d.kind}`;
  let group = groups.get(key);
  if (!group && groups.size >= maxGroups) {
    key = `${ruleOf(d)}\u0000(other paths)`;
    group = groups.get(key);
    if (!group) {
      group = { ...dispositionAndRule(d), area: d.area, pattern: '(other paths)', kind: d.kind, count: 0 };
      groups.set(key, group);
    }
  } else if (!group) {
    group = { ...dispositionAndRule(d), area: d.area, pattern, kind: d.kind, count: 0 };
    groups.set(key, group);
  }
  group.count += 1;
}

function ruleOf(d: Difference): string {
  return `${d.disposition}\u0000${d.rule ?? ''}`;
}

function dispositionAndRule(d: Difference): Pick<UnlistedDifferences, 'disposition' | 'rule'> {
  return d.rule === undefined ? { disposition: d.disposition } : { disposition: d.disposition, rule: d.rule };
}
