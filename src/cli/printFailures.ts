import { formatCaseFailure } from '../compare/formatFailure';
import { formatHarnessError } from '../errors';
import type { RunResult } from '../model/result';

/** Limits that keep a CI log readable; everything is in the reports anyway. */
export interface FailureOutputLimits {
  cases: number;
  linesPerCase: number;
}

export const failureOutputLimits: FailureOutputLimits = { cases: 20, linesPerCase: 40 };

/**
 * Why each failing case failed, after the run (like Newman's failure summary): the same text
 * Jest shows for a failing case, capped per case and in number of cases.
 */
export function printFailures(run: RunResult, out: { write(text: string): unknown }, limits: FailureOutputLimits = failureOutputLimits): void {
  const failing = run.cases.filter((c) => c.status === 'failed' || c.status === 'error');
  const broken = run.suites.filter((suite) => suite.error);
  if (failing.length === 0 && broken.length === 0) return;
  const lines: string[] = [];
  // A suite that did not load ran none of its cases: say why first, in full.
  for (const suite of broken) lines.push('', `● ${suite.file} could not be loaded`, ...formatHarnessError(suite.error!).split('\n').map((line) => `  ${line}`));
  if (failing.length > 0) lines.push('', `Failures (${failing.length}):`);
  for (const result of failing.slice(0, limits.cases)) {
    const body = formatCaseFailure(result).split('\n');
    const shown = body.length > limits.linesPerCase ? [...body.slice(0, limits.linesPerCase), `… ${body.length - limits.linesPerCase} more lines in reports/parity-report.html`] : body;
    lines.push('', `● ${result.suite} › ${result.name}`, ...shown.map((line) => `  ${line}`));
  }
  if (failing.length > limits.cases) lines.push('', `… and ${failing.length - limits.cases} more failing cases: see reports/parity-report.html`);
  out.write(`${lines.join('\n')}\n`);
}
