import type { HarnessErrorInfo, StepResult } from '../model/result';

/**
 * A case's status from its steps: `error` when the harness broke anywhere (the case's own error,
 * or any exchange — including the noise baseline's repeat — that got no response), `failed` when
 * any difference is a regression or an expectation both sides break, `passed` otherwise. Skipped and interrupted are decided by the
 * runner, never here.
 */
export function caseStatus(steps: readonly StepResult[], error?: HarnessErrorInfo): 'passed' | 'failed' | 'error' {
  if (error || steps.some((step) => harnessErrors(step).length > 0)) return 'error';
  // An expectation both sides break fails the case too (no PASS), though it is no regression.
  return steps.some((step) => step.differences.some((difference) => difference.disposition === 'regression' || difference.disposition === 'both-fail')) ? 'failed' : 'passed';
}

/** The exchange errors of one step, legacy first. */
export function harnessErrors(step: StepResult): HarnessErrorInfo[] {
  return [step.legacy, step.legacyRepeat, step.candidate].flatMap((exchange) => (exchange?.error ? [exchange.error] : []));
}
