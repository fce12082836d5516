import { differenceCounts } from '../model/differenceCounts';
import type { CaseResult, RunSummary } from '../model/result';
import { ruleKey, SummaryTally, type SummarizeExtras } from './summaryTally';

export { percentile, ruleKey, type SummarizeExtras } from './summaryTally';

/**
 * Counts a run. Called once by the engine at the end (and by `mergeRuns` for shards); reporters
 * read the result and never count again. Difference counts include token-parity findings.
 */
export function summarize(cases: readonly CaseResult[], extras: SummarizeExtras = {}): RunSummary {
  const tally = new SummaryTally();
  for (const result of cases) {
    // Listed and unlisted alike: a step that found more differences than it lists is counted in full.
    const counts = result.steps.flatMap(differenceCounts);
    tally.addCase({
      status: result.status,
      ruleCounts: counts.map((c) => [ruleKey(c), c.count] as const),
      stepsNotRun: result.notRun?.length ?? 0,
      failsOnlyOnBoth: counts.some((c) => c.disposition === 'both-fail') && !counts.some((c) => c.disposition === 'regression'),
      latency: result.latency,
    });
  }
  return tally.finish(extras);
}
