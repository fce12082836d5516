import type { CaseResult, Difference, RunSummary, SuiteInfo, TargetName, TokenParityResult } from '../model/result';
import { targetNames } from '../model/result';
import { decideVerdict } from './verdict';

/** What the run knows beyond its cases; each one changes the verdict, token findings the counts too. */
export interface SummarizeExtras {
  suites?: readonly SuiteInfo[];
  tokenParity?: TokenParityResult;
  interrupted?: boolean;
}

/** The key `byRule` counts a difference under: `<disposition>:<rule>`. */
export function ruleKey(difference: Difference): string {
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

/**
 * Counts a run. Called once by the engine at the end (and by `mergeRuns` for shards); reporters
 * read the result and never count again. Difference counts include token-parity findings.
 */
export function summarize(cases: readonly CaseResult[], extras: SummarizeExtras = {}): RunSummary {
  const statuses = { passed: 0, failed: 0, error: 0, skipped: 0, interrupted: 0 };
  const dispositions = { regression: 0, accepted: 0, noise: 0, 'pre-existing': 0, improvement: 0, 'both-fail': 0 };
  let failedOnBoth = 0;
  let stepsNotRun = 0;
  const byRule = new Map<string, number>();
  const count = (difference: Difference): void => {
    dispositions[difference.disposition] += 1;
    const key = ruleKey(difference);
    byRule.set(key, (byRule.get(key) ?? 0) + 1);
  };
  for (const result of cases) {
    statuses[result.status] += 1;
    for (const step of result.steps) step.differences.forEach(count);
    stepsNotRun += result.notRun?.length ?? 0;
    if (result.status === 'failed' && failsOnlyOnBoth(result)) failedOnBoth += 1;
  }
  extras.tokenParity?.findings.forEach(count);

  const latency = {} as RunSummary['latency'];
  for (const target of targetNames) {
    const medians = cases.map((c) => latencyOf(c, target)).filter((v): v is number => v !== null);
    latency[target] = { p50: percentile(medians, 50), p95: percentile(medians, 95) };
  }

  const counts = {
    total: cases.length,
    passed: statuses.passed,
    failed: statuses.failed,
    errors: statuses.error,
    skipped: statuses.skipped,
    interrupted: statuses.interrupted,
    failedOnBoth,
  };
  const suiteErrors = (extras.suites ?? []).filter((s) => s.error !== undefined).length;
  const outcome = decideVerdict({
    counts,
    suiteErrors,
    tokenParity: extras.tokenParity?.status,
    runInterrupted: extras.interrupted ?? false,
  });
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

/** A failed case with no regression: only expectations that fail on the legacy too (a suite or credentials problem). */
function failsOnlyOnBoth(result: CaseResult): boolean {
  const all = result.steps.flatMap((step) => step.differences);
  return all.some((d) => d.disposition === 'both-fail') && !all.some((d) => d.disposition === 'regression');
}

function latencyOf(result: CaseResult, target: TargetName): number | null {
  return target === 'legacy' ? result.latency.legacyMs : result.latency.candidateMs;
}
