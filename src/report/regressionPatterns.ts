import type { Difference } from '../model/result';

/** One kind of regression: the same check on the same path pattern, however many array elements it hit. */
export interface RegressionPattern {
  area: Difference['area'];
  /** The path with array indices as `[*]`: `$.items[*].price`. */
  pattern: string;
  kind: Difference['kind'];
  count: number;
  /** Distinct cases it occurred in. */
  cases: number;
  /** The first occurrence, in report order. */
  example: { caseName: string; step: string; difference: Difference };
}

export interface LocatedDifference {
  caseName: string;
  step: string;
  difference: Difference;
}

/** `$.items[12].price` → `$.items[*].price`; `$.fault["@xmlns"]` and `header:x` are kept as they are. */
function pathPattern(path: string): string {
  return path.replace(/\[\d+\]/g, '[*]');
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
    const pattern = pathPattern(d.path);
    const key = `${d.area}\u0000${pattern}\u0000${d.kind}`;
    const group = this.groups.get(key);
    if (group) {
      group.count += 1;
      group.caseSet.add(entry.caseName);
    } else {
      this.groups.set(key, { area: d.area, pattern, kind: d.kind, count: 1, cases: 0, example: entry, caseSet: new Set([entry.caseName]) });
    }
  }

  patterns(): RegressionPattern[] {
    return [...this.groups.values()]
      .map(({ caseSet, ...group }) => ({ ...group, cases: caseSet.size }))
      .sort((a, b) => b.count - a.count || (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0) || (a.area < b.area ? -1 : a.area > b.area ? 1 : 0));
  }
}
