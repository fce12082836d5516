import type { DifferenceCount } from '../model/differenceCounts';
import type { CaseResult, Difference, Disposition, RunSummary, SuiteInfo, TargetName, TokenParityResult, UnlistedDifferences } from '../model/result';
import { targetNames } from '../model/result';
import { decideVerdict } from './verdict';

/** What the run knows beyond its cases; each one changes the verdict, token findings the counts too. */
export interface SummarizeExtras {
  suites?: readonly SuiteInfo[];
  tokenParity?: TokenParityResult;
  interrupted?: boolean;
}

/** One case as the tally counts it: the same facts whether it comes from a full result or a digest. */
export interface TalliedCase {
  status: CaseResult['status'];
  /** `<disposition>:<rule>` keys with how often each occurred in the case. */
  ruleCounts: Iterable<readonly [string, number]>;
  stepsNotRun: number;
  /** Failed with no regression, only expectations that fail on the legacy too. */
  failsOnlyOnBoth: boolean;
  latency: CaseResult['latency'];
}

/** The key `byRule` counts a difference (or a step's unlisted group of them) under: `<disposition>:<rule>`. */
export function ruleKey(difference: Difference | UnlistedDifferences | DifferenceCount): string {
  return `${difference.disposition}:${difference.rule ?? '(no rule)'}`;
}

/**
 * Nearest-rank percentile (the value at rank ⌈p·n⌉ of the sorted list): always one of the
 * observed medians, so a report never shows a latency no case had.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

const dispositionOf = (key: string): Disposition => key.slice(0, key.indexOf(':')) as Disposition;

/**
 * Counts a run case by case and decides its verdict once at the end. `summarize` (full results)
 * and `summarizeDigests` (a streamed run) both feed it, so the two can never count differently.
 */
export class SummaryTally {
  private readonly statuses = { passed: 0, failed: 0, error: 0, skipped: 0, interrupted: 0 };
  private readonly dispositions: Record<Disposition, number> = { regression: 0, accepted: 0, noise: 0, 'pre-existing': 0, improvement: 0, 'both-fail': 0 };
  private readonly byRule = new Map<string, number>();
  private readonly medians: Record<TargetName, number[]> = { legacy: [], candidate: [] };
  private total = 0;
  private failedOnBoth = 0;
  private stepsNotRun = 0;

  addCase(tallied: TalliedCase): void {
    this.total += 1;
    this.statuses[tallied.status] += 1;
    for (const [key, count] of tallied.ruleCounts) this.addRule(key, count);
    this.stepsNotRun += tallied.stepsNotRun;
    if (tallied.status === 'failed' && tallied.failsOnlyOnBoth) this.failedOnBoth += 1;
    if (tallied.latency.legacyMs !== null) this.medians.legacy.push(tallied.latency.legacyMs);
    if (tallied.latency.candidateMs !== null) this.medians.candidate.push(tallied.latency.candidateMs);
  }

  addRule(key: string, count: number): void {
    this.dispositions[dispositionOf(key)] += count;
    this.byRule.set(key, (this.byRule.get(key) ?? 0) + count);
  }

  finish(extras: SummarizeExtras): RunSummary {
    for (const finding of extras.tokenParity?.findings ?? []) this.addRule(ruleKey(finding), 1);
    const latency = {} as RunSummary['latency'];
    for (const target of targetNames) latency[target] = { p50: percentile(this.medians[target], 50), p95: percentile(this.medians[target], 95) };
    const { statuses, dispositions } = this;
    const counts = { total: this.total, passed: statuses.passed, failed: statuses.failed, errors: statuses.error, skipped: statuses.skipped, interrupted: statuses.interrupted, failedOnBoth: this.failedOnBoth };
    const suiteErrors = (extras.suites ?? []).filter((s) => s.error !== undefined).length;
    const outcome = decideVerdict({ counts, suiteErrors, tokenParity: extras.tokenParity?.status, runInterrupted: extras.interrupted ?? false });
    return {
      ...counts,
      regressions: dispositions.regression,
      accepted: dispositions.accepted,
      noise: dispositions.noise,
      preExisting: dispositions['pre-existing'],
      byRule: Object.fromEntries([...this.byRule].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      latency,
      improvements: dispositions.improvement,
      suiteErrors,
      bothFail: dispositions['both-fail'],
      stepsNotRun: this.stepsNotRun,
      verdict: outcome.verdict,
      verdictReasons: outcome.reasons,
      exitCode: outcome.exitCode,
    };
  }
}
