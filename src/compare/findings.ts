import type { PathKey } from '../model/jsonPath';
import type { CollectiveDifference, Difference } from '../model/result';

/**
 * A difference found by one diff pass, before it gets its disposition. `path` is already in the
 * form people read (`status`, `header:<name>`, `$.items[2].price`); body findings keep `keys`
 * too, so user rules (JSON path patterns) can be matched against them.
 */
export interface Finding {
  area: Extract<Difference['area'], 'status' | 'header' | 'body' | 'fault'>;
  path: string;
  kind: Difference['kind'];
  legacy?: unknown;
  candidate?: unknown;
  keys?: readonly PathKey[];
  /** Set when this finding stands for several (see collectiveFindings). */
  collective?: CollectiveDifference;
}

/** True when `ancestor` names `path` itself or a node above it (`$.a` above `$.a.b` and `$.a[0]`, not `$.ab`). */
export function isAtOrBelow(path: string, ancestor: string): boolean {
  if (path === ancestor) return true;
  if (!ancestor.startsWith('$') || !path.startsWith(ancestor)) return false;
  const next = path[ancestor.length];
  return next === '.' || next === '[';
}

/** Same place, or one inside the other: a difference at `$.a` and one at `$.a.b` are about the same thing. */
export function pathsRelated(a: string, b: string): boolean {
  return isAtOrBelow(a, b) || isAtOrBelow(b, a);
}

/** Body and fault findings share one path space (a fault body is a body). */
function spaceOf(area: Finding['area']): string {
  return area === 'fault' ? 'body' : area;
}

/**
 * Asks, for one finding at a time, whether any of `others` touches the same place (the same path,
 * one above it or one below it, as `pathsRelated` says, in the same space): then that finding did
 * not vanish. `others` is indexed once — its paths, and every path above each of them — so each
 * question is a few set lookups: two passes of 50,000 body differences compare in linear time.
 */
export function relatedIn(others: readonly Finding[]): (finding: Finding) => boolean {
  const at = new Set<string>();
  const above = new Set<string>();
  for (const other of others) {
    const space = spaceOf(other.area);
    at.add(`${space}\u0000${other.path}`);
    for (const ancestor of ancestorsOf(other.path)) above.add(`${space}\u0000${ancestor}`);
  }
  return (finding) => {
    const space = spaceOf(finding.area);
    const here = `${space}\u0000${finding.path}`;
    // The same place, or another finding below this one …
    if (at.has(here) || above.has(here)) return true;
    // … or above it.
    return ancestorsOf(finding.path).some((ancestor) => at.has(`${space}\u0000${ancestor}`));
  };
}

/** Every path `isAtOrBelow` counts as above `path`: each prefix of a `$` path that ends before a `.` or `[`. */
function ancestorsOf(path: string): string[] {
  if (!path.startsWith('$')) return [];
  const ancestors: string[] = [];
  for (let end = 1; end < path.length; end += 1) {
    const ch = path[end];
    if (ch === '.' || ch === '[') ancestors.push(path.slice(0, end));
  }
  return ancestors;
}

export function toDifference(finding: Finding, disposition: Difference['disposition'], rule?: string, reason?: string): Difference {
  const difference: Difference = { area: finding.area, path: finding.path, kind: finding.kind, disposition };
  if (finding.legacy !== undefined) difference.legacy = finding.legacy;
  if (finding.candidate !== undefined) difference.candidate = finding.candidate;
  if (rule !== undefined) difference.rule = rule;
  if (reason !== undefined) difference.reason = reason;
  if (finding.collective !== undefined) difference.collective = finding.collective;
  return difference;
}
