import type { GateCode, RunResult, RunSummary, RunVerdict, TokenParityResult } from '../model/result';

export interface VerdictInput {
  counts: Pick<RunSummary, 'passed' | 'failed' | 'errors' | 'skipped' | 'interrupted' | 'total' | 'failedOnBoth'>;
  suiteErrors: number;
  tokenParity?: TokenParityResult['status'];
  runInterrupted: boolean;
}

export interface VerdictOutcome {
  verdict: RunVerdict;
  /** Why the verdict is `fail`, one sentence each; empty for `pass`. */
  reasons: string[];
  /**
   * For exit codes: `error` when the run proved nothing reliable (harness errors, interruption,
   * unloadable suites, token check errored, nothing ran) — it outranks `fail` (regressions).
   */
  gate: 'pass' | 'fail' | 'error';
  /** The exit code of `gate`: 0 pass, 1 regressions, 2 harness errors (see README "Exit codes"). */
  exitCode: GateCode;
}

/** Exit codes CI can trust, one per gate: 0 all pass, 1 regressions, 2 harness errors. */
export const gateExitCodes = { pass: 0, fail: 1, error: 2 } as const satisfies Record<VerdictOutcome['gate'], GateCode>;
const gateOfExitCode = { 0: 'pass', 1: 'fail', 2: 'error' } as const satisfies Record<GateCode, VerdictOutcome['gate']>;

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * The run-level verdict, decided from case statuses the engine already set (never from
 * differences). A run that checked nothing fails: a CI gate must not turn green on an empty or
 * fully skipped selection.
 */
export function decideVerdict(input: VerdictInput): VerdictOutcome {
  const { counts } = input;
  const broken: string[] = [];
  const failing: string[] = [];
  const onBoth = counts.failedOnBoth ?? 0;
  if (counts.failed - onBoth > 0) failing.push(`${plural(counts.failed - onBoth, 'case', 'cases')} failed with regressions.`);
  if (onBoth > 0) failing.push(`${plural(onBoth, 'case fails', 'cases fail')} on the legacy too (both sides break an expectation): check the suite or the credentials.`);
  if (counts.errors > 0) broken.push(`${plural(counts.errors, 'case', 'cases')} could not be run (harness errors).`);
  if (input.suiteErrors > 0) broken.push(`${plural(input.suiteErrors, 'suite', 'suites')} could not be loaded.`);
  if (counts.interrupted > 0 || input.runInterrupted) {
    broken.push(counts.interrupted > 0 ? `The run was interrupted; ${plural(counts.interrupted, 'case', 'cases')} did not finish.` : 'The run was interrupted before every case could run.');
  }
  if (input.tokenParity === 'failed') failing.push('Token parity failed.');
  if (input.tokenParity === 'error') broken.push('Token parity could not be checked (harness error).');
  if (counts.passed + counts.failed + counts.errors + counts.interrupted === 0 && input.suiteErrors === 0) {
    broken.push(counts.total === 0 ? 'No case ran.' : `No case ran (all ${counts.skipped} skipped).`);
  }
  // Regressions first, then what broke: the order people read the banner in.
  const reasons = [...failing, ...broken];
  const gate = broken.length > 0 ? 'error' : failing.length > 0 ? 'fail' : 'pass';
  return { verdict: reasons.length === 0 ? 'pass' : 'fail', reasons, gate, exitCode: gateExitCodes[gate] };
}

/**
 * The verdict every reporter, the CLI and `parity gate` show: the one `summarize` decided when the
 * run finished and stored in `summary` (verdict, reasons, exit code). Only a results.json written
 * before the exit code was stored has it decided again, by the same rule, from its recorded facts.
 */
export function verdictOf(run: RunResult): VerdictOutcome {
  const { summary } = run;
  if (summary.verdict !== undefined && summary.verdictReasons !== undefined && summary.exitCode !== undefined) {
    return { verdict: summary.verdict, reasons: summary.verdictReasons, gate: gateOfExitCode[summary.exitCode], exitCode: summary.exitCode };
  }
  return decideVerdict({
    counts: summary,
    suiteErrors: run.suites.filter((s) => s.error !== undefined).length,
    tokenParity: run.tokenParity?.status,
    runInterrupted: run.interrupted,
  });
}
