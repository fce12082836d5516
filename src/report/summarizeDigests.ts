import type { Disposition, RunSummary } from '../model/result';
import { targetNames } from '../model/result';
import type { CaseDigest } from './caseDigest';
import { percentile, ruleKey, type SummarizeExtras } from './summarize';
import { decideVerdict } from './verdict';

const dispositionOf = (key: string): Disposition => key.slice(0, key.indexOf(':')) as Disposition;

/**
 * `summarize` for a streamed run: the same counts and verdict, computed from case digests (which
 * carry every difference's `<disposition>:<rule>` count) instead of full results, so the summary
 * of 50,000 cases needs no exchange in memory. `test/report/resultsStream.test.ts` checks both
 * agree on the same cases.
 */
export function summarizeDigests(digests: Iterable<CaseDigest>, extras: SummarizeExtras = {}): RunSummary {
  const statuses = { passed: 0, failed: 0, error: 0, skipped: 0, interrupted: 0 };
  const dispositions: Record<Disposition, number> = { regression: 0, accepted: 0, noise: 0, 'pre-existing': 0, improvement: 0, 'both-fail': 0 };
  let failedOnBoth = 0;
  let stepsNotRun = 0;
  const byRule = new Map<string, number>();
  const add = (key: string, count: number): void => {
    dispositions[dispositionOf(key)] += count;
    byRule.set(key, (byRule.get(key) ?? 0) + count);
  };
  const medians = { legacy: [] as number[], candidate: [] as number[] };
  let total = 0;
  for (const digest of digests) {
    total += 1;
    statuses[digest.status] += 1;
    for (const rule of digest.rules) add(rule.key, rule.count);
    stepsNotRun += digest.notRun?.length ?? 0;
    // A failed case with no regression, only expectations failing on the legacy too (as summarize counts it).
    if (digest.status === 'failed' && digest.rules.some((r) => r.key.startsWith('both-fail:')) && !digest.rules.some((r) => r.key.startsWith('regression:'))) failedOnBoth += 1;
    if (digest.latency.legacyMs !== null) medians.legacy.push(digest.latency.legacyMs);
    if (digest.latency.candidateMs !== null) medians.candidate.push(digest.latency.candidateMs);
  }
  for (const finding of extras.tokenParity?.findings ?? []) add(ruleKey(finding), 1);
  const latency = {} as RunSummary['latency'];
  for (const target of targetNames) latency[target] = { p50: percentile(medians[target], 50), p95: percentile(medians[target], 95) };
  const counts = { total, passed: statuses.passed, failed: statuses.failed, errors: statuses.error, skipped: statuses.skipped, interrupted: statuses.interrupted, failedOnBoth };
  const suiteErrors = (extras.suites ?? []).filter((s) => s.error !== undefined).length;
  const outcome = decideVerdict({ counts, suiteErrors, tokenParity: extras.tokenParity?.status, runInterrupted: extras.interrupted ?? false });
  return {
    ...counts,
    regressions: dispositions.regression,
    accepted: dispositions.accepted,
    noise: dispositions.noise,
    preExisting: dispositions['pre-existing'],
    byRule: Object.fromEntries([...byRule].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    latency,
    improvements: dispositions.improvement,
    suiteErrors,
    bothFail: dispositions['both-fail'],
    stepsNotRun,
    verdict: outcome.verdict,
    verdictReasons: outcome.reasons,
    exitCode: outcome.exitCode,
  };
}
