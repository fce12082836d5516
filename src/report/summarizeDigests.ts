import type { RunSummary } from '../model/result';
import type { CaseDigest } from './caseDigest';
import { SummaryTally, type SummarizeExtras } from './summaryTally';

/**
 * `summarize` for a streamed run: the same tally and verdict, fed from case digests (which carry
 * every difference's `<disposition>:<rule>` count) instead of full results, so the summary of
 * 50,000 cases needs no exchange in memory. `test/report/resultsStream.test.ts` checks both agree.
 */
export function summarizeDigests(digests: Iterable<CaseDigest>, extras: SummarizeExtras = {}): RunSummary {
  const tally = new SummaryTally();
  for (const digest of digests) tallyDigest(tally, digest);
  return tally.finish(extras);
}

/** Counts one digest into a tally: what a run session does as each case is streamed. */
export function tallyDigest(tally: SummaryTally, digest: CaseDigest): void {
  tally.addCase({
    status: digest.status,
    ruleCounts: digest.rules.map((rule) => [rule.key, rule.count] as const),
    stepsNotRun: digest.notRun?.length ?? 0,
    failsOnlyOnBoth: digest.rules.some((r) => r.key.startsWith('both-fail:')) && !digest.rules.some((r) => r.key.startsWith('regression:')),
    latency: digest.latency,
  });
}
