import { formatHarnessError } from '../errors';
import { differenceCounts, type DifferenceCount } from '../model/differenceCounts';
import type { CaseResult, Difference, Exchange, StepResult, UnlistedDifferences } from '../model/result';
import { harnessErrors } from './verdict';

/** Longest value shown per side; the full value is in results.json and the HTML report. */
const maxValueChars = 200;

/**
 * The Jest failure message of a case, plain text: harness errors first (they make every
 * difference meaningless), then the regressions grouped by step — the step's two requests once, then
 * each regression's area, path and both values — then one line counting what was accepted (by rule), noise and improvements.
 */
export function formatCaseFailure(result: CaseResult): string {
  const lines: string[] = [];
  const errors = [...(result.error ? [result.error] : []), ...result.steps.flatMap(harnessErrors)];
  // The case's error is usually its failed exchange's error too: each distinct one once.
  for (const text of new Set(errors.map(formatHarnessError))) lines.push(`harness error: ${text}`);
  const total = result.steps.reduce((sum, step) => sum + regressionsOf(step).length + unlistedRegressionsOf(step).reduce((n, group) => n + group.count, 0), 0);
  const both = result.steps.reduce((sum, step) => sum + step.differences.filter((d) => d.disposition === 'both-fail').length, 0);
  if (total > 0) lines.push(`${total} regression${total === 1 ? '' : 's'} in "${result.name}":`);
  if (both > 0) lines.push(`${both} expectation${both === 1 ? '' : 's'} of "${result.name}" fail${both === 1 ? 's' : ''} on the legacy too — not a regression: check the suite or the credentials:`);
  for (const step of result.steps) {
    const failing = failuresOf(step);
    if (failing.length === 0 && unlistedRegressionsOf(step).length === 0) continue;
    // The two requests once per step: every failure below was found in this pair.
    lines.push(`step "${step.name}"`, `  legacy:    ${requestLine(step.legacy)}`, `  candidate: ${requestLine(step.candidate)}`);
    for (const difference of failing) lines.push(...formatRegression(difference));
    for (const group of unlistedRegressionsOf(step)) lines.push(`  ✗ … and ${group.count} more: ${group.area} ${group.pattern} (${group.kind}), counted but not listed`);
  }
  for (const skipped of result.notRun ?? []) lines.push(`not run: step "${skipped.name}" — ${skipped.reason}`);
  lines.push(summaryLine(result.steps.flatMap(differenceCounts)));
  return lines.join('\n');
}

function regressionsOf(step: StepResult): Difference[] {
  return step.differences.filter((d) => d.disposition === 'regression');
}

/** Regressions the step found beyond the ones it lists, by path pattern. */
function unlistedRegressionsOf(step: StepResult): UnlistedDifferences[] {
  return (step.unlisted ?? []).filter((group) => group.disposition === 'regression');
}

function failuresOf(step: StepResult): Difference[] {
  return step.differences.filter((d) => d.disposition === 'regression' || d.disposition === 'both-fail');
}

function formatRegression(difference: Difference): string[] {
  const mark = difference.disposition === 'both-fail' ? '✗ (fails on both sides)' : '✗';
  const lines = [
    `  ${mark} ${difference.area} ${difference.path} (${difference.kind})`,
    `      legacy:    ${showValue(difference.legacy)}`,
    `      candidate: ${showValue(difference.candidate)}`,
  ];
  if (difference.reason) lines.push(`      why:       ${difference.reason}`);
  if (difference.collective?.hint) lines.push(`      hint:      ${difference.collective.hint}`);
  return lines;
}

/** `accepted: 3 × url.base-rewrite, 1 × fault.missing-credentials; noise: 1; improvements: 0` (listed and unlisted alike). */
function summaryLine(counts: readonly DifferenceCount[]): string {
  const byRule = new Map<string, number>();
  for (const c of counts) {
    if (c.disposition !== 'accepted') continue;
    const rule = c.rule ?? 'unnamed';
    byRule.set(rule, (byRule.get(rule) ?? 0) + c.count);
  }
  const accepted = [...byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([rule, count]) => `${count} × ${rule}`);
  const count = (disposition: Difference['disposition']) => counts.reduce((n, c) => n + (c.disposition === disposition ? c.count : 0), 0);
  const parts = [`accepted: ${accepted.length > 0 ? accepted.join(', ') : 'none'}`, `noise: ${count('noise')}`];
  if (count('improvement') > 0) parts.push(`improvements: ${count('improvement')}`);
  if (count('pre-existing') > 0) parts.push(`pre-existing: ${count('pre-existing')}`);
  return parts.join('; ');
}

function showValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > maxValueChars ? `${text.slice(0, maxValueChars - 1)}… (${text.length} chars)` : text;
}

function requestLine(exchange: Exchange): string {
  return `${exchange.request.method} ${exchange.request.url}`;
}
