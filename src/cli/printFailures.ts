import { formatCaseFailure } from '../compare/formatFailure';
import { formatHarnessError } from '../errors';
import type { CaseResult, RunResult } from '../model/result';

/** Limits that keep a CI log readable; everything is in the reports anyway. */
export interface FailureOutputLimits {
  cases: number;
  linesPerCase: number;
}

const failureOutputLimits: FailureOutputLimits = { cases: 20, linesPerCase: 40 };

/**
 * Why one case failed, bounded like the run's failure summary: the text `parity run` prints under
 * `● suite › case` and the failure message of that case's Jest test (so an IDE's Jest view shows it).
 */
export function formatBoundedFailure(result: CaseResult, limits: FailureOutputLimits = failureOutputLimits): string {
  const body = formatCaseFailure(result).split('\n');
  if (body.length <= limits.linesPerCase) return body.join('\n');
  return [...body.slice(0, limits.linesPerCase), `… ${body.length - limits.linesPerCase} more lines in reports/parity-report.html`].join('\n');
}

/**
 * Why each failing case failed, after the run (like Newman's failure summary): the same text
 * Jest shows for a failing case, capped per case and in number of cases. `npm test` prints it too,
 * from its global teardown.
 */
export function printFailures(run: RunResult, out: { write(text: string): unknown }, limits: FailureOutputLimits = failureOutputLimits): void {
  const failing = run.cases.filter((c) => c.status === 'failed' || c.status === 'error');
  const broken = run.suites.filter((suite) => suite.error);
  if (failing.length === 0 && broken.length === 0) return;
  const lines: string[] = [];
  // A suite that did not load ran none of its cases: say why first, in full.
  for (const suite of broken) lines.push('', `● ${suite.file} could not be loaded`, ...formatHarnessError(suite.error!).split('\n').map((line) => `  ${line}`));
  if (failing.length > 0) lines.push('', `Failures (${failing.length}):`);
  // Cases that never sent anything for one shared reason (a missing secret, a bad baseline) are one block, not one per case.
  const { shared, individual } = groupSharedErrors(failing);
  for (const [text, names] of shared) {
    const listed = names.slice(0, maxNamesPerGroup).join(', ');
    lines.push('', `● ${names.length} cases could not run: ${listed}${names.length > maxNamesPerGroup ? `, … and ${names.length - maxNamesPerGroup} more` : ''}`, ...text.split('\n').map((line) => `  ${line}`));
  }
  for (const result of individual.slice(0, limits.cases)) {
    lines.push('', `● ${result.suite} › ${result.name}`, ...formatBoundedFailure(result, limits).split('\n').map((line) => `  ${line}`));
  }
  if (individual.length > limits.cases) lines.push('', `… and ${individual.length - limits.cases} more failing cases: see reports/parity-report.html`);
  out.write(`${lines.join('\n')}\n`);
}

/** Names listed for a group of cases that share one harness error. */
const maxNamesPerGroup = 5;
/** Fewer cases than this with the same error are told one by one. */
const minGroupSize = 3;

function groupSharedErrors(failing: readonly CaseResult[]): { shared: Map<string, string[]>; individual: CaseResult[] } {
  const byText = new Map<string, CaseResult[]>();
  for (const result of failing) {
    if (result.status !== 'error' || result.steps.length > 0 || !result.error) continue;
    const text = formatCaseFailure(result);
    byText.set(text, [...(byText.get(text) ?? []), result]);
  }
  const shared = new Map<string, string[]>();
  for (const [text, results] of byText) if (results.length >= minGroupSize) shared.set(text, results.map((r) => `${r.suite} › ${r.name}`));
  const grouped = new Set([...byText.values()].filter((results) => results.length >= minGroupSize).flat());
  return { shared, individual: failing.filter((result) => !grouped.has(result)) };
}
