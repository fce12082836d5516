import type { RunResult } from '../model/result';
import { verdictOf } from '../report/verdict';

/** The closing lines of a run, for people and CI logs; plain text, one fact per line. */
export function printRunSummary(run: RunResult, reportFiles: string[], out: { write(text: string): unknown }): void {
  const s = run.summary;
  // The verdict decided when the run finished (stored in results.json), never decided again here.
  const outcome = verdictOf(run);
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
  for (const reason of outcome.reasons) lines.push(`  because: ${reason}`);
  lines.push(`  verdict: ${outcome.verdict.toUpperCase()}${run.partial ? ` (partial run: ${run.partial.selectedCases} of ${run.partial.totalCases} cases — not a sign-off of the whole suite set)` : ''}`, '');
  out.write(lines.join('\n'));
}
