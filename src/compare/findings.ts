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
function sameSpace(a: Finding['area'], b: Finding['area']): boolean {
  const space = (area: Finding['area']) => (area === 'fault' ? 'body' : area);
  return space(a) === space(b);
}

/** Does any of `others` touch the same place as `finding`? Then `finding` did not vanish. */
export function hasRelated(finding: Finding, others: readonly Finding[]): boolean {
  return others.some((other) => sameSpace(other.area, finding.area) && pathsRelated(other.path, finding.path));
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
