import type { Disposition, StepResult } from './result';

/** How many differences of one disposition and rule: 1 for a listed difference, a group's count for unlisted ones. */
export interface DifferenceCount {
  disposition: Disposition;
  rule?: string;
  count: number;
}

/**
 * Every difference a step found, listed (`differences`, one each) or not (`unlisted`, by group):
 * what each count in the reports is made from, so a step that found more differences than it lists
 * is still counted in full, disposition by disposition.
 */
export function differenceCounts(step: Pick<StepResult, 'differences' | 'unlisted'>): DifferenceCount[] {
  const counts: DifferenceCount[] = step.differences.map((d) => (d.rule === undefined ? { disposition: d.disposition, count: 1 } : { disposition: d.disposition, rule: d.rule, count: 1 }));
  for (const group of step.unlisted ?? []) counts.push(group.rule === undefined ? { disposition: group.disposition, count: group.count } : { disposition: group.disposition, rule: group.rule, count: group.count });
  return counts;
}
