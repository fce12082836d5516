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
    const differences = result.steps.flatMap((step) => step.differences);
    tally.addCase({
      status: result.status,
      ruleCounts: differences.map((d) => [ruleKey(d), 1] as const),
      stepsNotRun: result.notRun?.length ?? 0,
      failsOnlyOnBoth: differences.some((d) => d.disposition === 'both-fail') && !differences.some((d) => d.disposition === 'regression'),
      latency: result.latency,
    });
  }
  return tally.finish(extras);
}
