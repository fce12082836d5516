import { formatCaseFailure } from '../compare/formatFailure';
import { formatHarnessError } from '../errors';
import type { CaseResult, RunResult } from '../model/result';
import { isFailing, type ParityRunOutcome } from '../engine/runSession';

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

/** The failing and errored cases of a run, in report order; called once per pass (the summary reads them twice). */
type FailingCases = ParityRunOutcome['failing'];

/**
 * Why each failing case failed, after the run (like Newman's failure summary): the same text
 * Jest shows for a failing case, capped per case and in number of cases. `npm test` prints it too,
 * from its global teardown. The cases come from `failing` (by default the run's own `cases`; a run
 * that kept none in memory reads them from its streamed results): two passes, holding only
 * counts and the few cases printed, so a run with 50,000 failures prints with flat memory.
 */
export async function printFailures(run: RunResult, out: { write(text: string): unknown }, limits: FailureOutputLimits = failureOutputLimits, failing: FailingCases = () => run.cases.filter(isFailing)): Promise<void> {
  // Pass 1: how many fail, and which step-less harness errors share one text (a missing secret, a bad baseline).
  let count = 0;
  const byText = new Map<string, { count: number; names: string[] }>();
  for await (const result of failing()) {
    if (!isFailing(result)) continue;
    count += 1;
    const text = sharedErrorText(result);
    if (text === undefined) continue;
    const group = byText.get(text) ?? { count: 0, names: [] };
    group.count += 1;
    if (group.names.length < maxNamesPerGroup) group.names.push(`${result.suite} › ${result.name}`);
    byText.set(text, group);
  }
  const broken = run.suites.filter((suite) => suite.error);
  if (count === 0 && broken.length === 0) return;
  const lines: string[] = [];
  // A suite that did not load ran none of its cases: say why first, in full.
  for (const suite of broken) lines.push('', `● ${suite.file} could not be loaded`, ...formatHarnessError(suite.error!).split('\n').map((line) => `  ${line}`));
  if (count > 0) lines.push('', `Failures (${count}):`);
  // Cases that never sent anything for one shared reason are one block, not one per case.
  const shared = new Set<string>();
  for (const [text, group] of byText) {
    if (group.count < minGroupSize) continue;
    shared.add(text);
    const listed = group.names.join(', ');
    lines.push('', `● ${group.count} cases could not run: ${listed}${group.count > maxNamesPerGroup ? `, … and ${group.count - maxNamesPerGroup} more` : ''}`, ...text.split('\n').map((line) => `  ${line}`));
  }
  // Pass 2: the others one by one, up to the limit.
  let individual = 0;
  for await (const result of failing()) {
    if (!isFailing(result)) continue;
    const text = sharedErrorText(result);
    if (text !== undefined && shared.has(text)) continue;
    individual += 1;
    if (individual <= limits.cases) lines.push('', `● ${result.suite} › ${result.name}`, ...formatBoundedFailure(result, limits).split('\n').map((line) => `  ${line}`));
  }
  if (individual > limits.cases) lines.push('', `… and ${individual - limits.cases} more failing cases: see reports/parity-report.html`);
  out.write(`${lines.join('\n')}\n`);
}

/** Names listed for a group of cases that share one harness error. */
const maxNamesPerGroup = 5;
/** Fewer cases than this with the same error are told one by one. */
const minGroupSize = 3;

/** The text a case that never sent anything is grouped by; undefined for every other case. */
function sharedErrorText(result: CaseResult): string | undefined {
  return result.status === 'error' && result.steps.length === 0 && result.error ? formatCaseFailure(result) : undefined;
}
