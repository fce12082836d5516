import type { RunResult } from '../model/result';

/** The closing lines of a run, for people and CI logs; plain text, one fact per line. */
export function printRunSummary(run: RunResult, reportFiles: string[], out: { write(text: string): unknown }): void {
  const s = run.summary;
  const verdict = runVerdict(run);
  const lines = [
    '',
    `Parity run on environment "${run.environment.name}"${run.shard ? ` (shard ${run.shard.index}/${run.shard.count})` : ''}: ${s.total} cases`,
    `  ${s.passed} passed, ${s.failed} failed, ${s.errors} errors, ${s.skipped} skipped${s.interrupted ? `, ${s.interrupted} interrupted` : ''}`,
    `  differences: ${s.regressions} regressions, ${s.accepted} accepted, ${s.noise} noise, ${s.preExisting} pre-existing`,
  ];
  const rules = Object.entries(s.byRule)
    .filter(([rule]) => rule.startsWith('accepted:'))
    .sort(([, a], [, b]) => b - a)
    .slice(0, 6)
    .map(([rule, count]) => `${count} × ${rule.slice('accepted:'.length)}`);
  if (rules.length > 0) lines.push(`  accepted by: ${rules.join(', ')}${Object.keys(s.byRule).length > 6 ? ', …' : ''}`);
  if (run.tokenParity) lines.push(`  token parity: ${run.tokenParity.status}`);
  for (const warning of run.warnings) lines.push(`  warning: ${warning}`);
  if (reportFiles.length > 0) lines.push(`  reports: ${reportFiles.join(', ')}`);
  lines.push(`  verdict: ${verdict.toUpperCase()}`, '');
  out.write(lines.join('\n'));
}

/**
 * The gate: `pass` only when every case passed or was skipped and token parity (when checked)
 * passed. Harness errors outrank regressions, because a run with errors proved nothing.
 */
export function runVerdict(run: RunResult): 'pass' | 'fail' | 'error' {
  const s = run.summary;
  const suiteErrors = run.suites.some((suite) => suite.error);
  if (s.errors > 0 || s.interrupted > 0 || suiteErrors || run.tokenParity?.status === 'error' || run.interrupted) return 'error';
  if (s.failed > 0 || run.tokenParity?.status === 'failed') return 'fail';
  return 'pass';
}

/** Exit codes CI can trust: 0 all pass, 1 regressions, 2 harness errors (see README). */
export const exitCodes = { pass: 0, fail: 1, error: 2 } as const;
