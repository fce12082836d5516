import { pathPattern } from '../model/jsonPath';
import type { Difference, UnlistedDifferences } from '../model/result';

/** One kind of regression: the same check on the same path pattern, however many array elements it hit. */
export interface RegressionPattern {
  area: Difference['area'];
  /** The path with array indices as `[*]`: `$.items[*].price`. */
  pattern: string;
  kind: Difference['kind'];
  count: number;
  /** Distinct cases it occurred in. */
  cases: number;
  /** The first listed occurrence, in report order; absent when every one was beyond what its step lists. */
  example?: LocatedDifference;
}

export interface LocatedDifference {
  caseName: string;
  step: string;
  difference: Difference;
}

/**
 * Groups regressions by (area, path pattern, kind) as they are added, one case at a time, so a
 * sign-off says `$.items[*].price changed × 22,800 in 40 cases` instead of listing every element;
 * it holds one entry per pattern, never the regressions themselves. `patterns()` is most frequent
 * first (ties by pattern, then area).
 */
export class RegressionPatternTally {
  private readonly groups = new Map<string, RegressionPattern & { caseSet: Set<string> }>();

  add(entry: LocatedDifference): void {
    const d = entry.difference;
    const group = this.group(d.area, pathPattern(d.path), d.kind, entry.caseName);
    group.count += 1;
    group.example ??= entry;
  }

  /** Regressions a step counted without listing them (`StepResult.unlisted`): counted, with no example of their own. */
  addUnlisted(group: Pick<UnlistedDifferences, 'area' | 'pattern' | 'kind' | 'count'>, caseName: string): void {
    this.group(group.area, group.pattern, group.kind, caseName).count += group.count;
  }

  private group(area: Difference['area'], pattern: string, kind: Difference['kind'], caseName: string): RegressionPattern & { caseSet: Set<string> } {
    const key = `${area}\u0000${pattern}\u0000${kind}`;
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { area, pattern, kind, count: 0, cases: 0, caseSet: new Set() }));
    group.caseSet.add(caseName);
    return group;
  }

  patterns(): RegressionPattern[] {
    return [...this.groups.values()]
      .map(({ caseSet, ...group }) => ({ ...group, cases: caseSet.size }))
      .sort((a, b) => b.count - a.count || (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0) || (a.area < b.area ? -1 : a.area > b.area ? 1 : 0));
  }
}
