import { formatHarnessError } from '../errors';
import type { Difference, RunResult, TargetName, TokenParityResult } from '../model/result';
import { targetNames } from '../model/result';
import { caseErrorOf } from './caseFacts';
import { formatValue } from './describeDifference';
import { byText, groupBySuite } from './groupBySuite';
import { mdCode, mdTable, mdText } from './markdown';
import { verdictOf } from './verdict';
import { collectRun } from './collectRun';
import type { Reporter } from './reporter';

export interface SignoffExtras {
  /** sha256 of each side's baseline (its manifest), when the run replayed one. */
  baselineSha256?: Partial<Record<TargetName, string>>;
  /** Roles that sign; one line each. */
  roles?: readonly string[];
}

export const defaultSignoffRoles = ['Migration engineer', 'API owner', 'Release manager'] as const;

const ms = (v: number | null): string => (v === null ? 'n/a' : `${Math.round(v)} ms`);

function runSection(run: RunResult, extras: SignoffExtras): string {
  const t = run.environment.targets;
  const target = (name: TargetName): string =>
    `${mdText(t[name].profile)} — ${t[name].hosts.map((h) => mdCode(h)).join(', ') || 'no host'}${t[name].tlsVerify ? '' : ' (TLS verification OFF)'}`;
  const rows: string[][] = [
    ['Environment', `${mdText(run.environment.name)}${run.environment.production ? ' (production)' : ''}${run.environment.sandbox ? ' (sandbox)' : ''}`],
    ['Legacy', target('legacy')],
    ['Candidate', target('candidate')],
    ['Date', `${run.finishedAt.slice(0, 10)} (${mdText(run.startedAt)} → ${mdText(run.finishedAt)})`],
    ['Run id', mdCode(run.runId)],
    ['Git commit', run.git ? `${mdCode(run.git.commit)}${run.git.dirty ? ' with uncommitted changes' : ''}` : 'not recorded'],
    ['Harness', `choreo-parity ${mdText(run.harnessVersion)}, results schema v${run.schemaVersion}`],
  ];
  if (run.shard) rows.push(['Shard', `${run.shard.index}/${run.shard.count}`]);
  const inputs: string[][] = groupBySuite(run).map((g) => [mdCode(g.suite.file), g.suite.sha256 ? mdCode(g.suite.sha256) : 'unknown', g.suite.error ? '**not loaded**' : 'suite']);
  for (const name of targetNames) {
    const baseline = t[name].baseline;
    if (!baseline) continue;
    const sha = extras.baselineSha256?.[name];
    inputs.push([mdCode(baseline), sha ? mdCode(sha) : 'not recorded (no baseline manifest given)', `${name} baseline`]);
  }
  return `## Run\n\n${mdTable(['', ''], rows)}\n\n## Inputs (sha256)\n\n${mdTable(['File', 'sha256', 'Kind'], inputs)}`;
}

function totals(run: RunResult): string {
  const s = run.summary;
  const cases = mdTable(['Cases', 'Passed', 'Failed', 'Errors', 'Interrupted', 'Skipped'], [[s.total, s.passed, s.failed, s.errors, s.interrupted, s.skipped].map(String)]);
  const diffs = mdTable(['Regressions', 'Accepted', 'Noise', 'Pre-existing', 'Improvements'], [[s.regressions, s.accepted, s.noise, s.preExisting, s.improvements ?? 'n/a'].map(String)]);
  const latency = mdTable(['Latency (case medians)', 'p50', 'p95'], targetNames.map((t) => [t, ms(s.latency[t].p50), ms(s.latency[t].p95)]));
  return `## Totals\n\n${cases}\n\n${diffs}\n\n${latency}`;
}

interface Located {
  caseName: string;
  step: string;
  difference: Difference;
}

function located(run: RunResult, disposition: Difference['disposition']): Located[] {
  return groupBySuite(run).flatMap((g) =>
    g.cases.flatMap((c) => c.steps.flatMap((s) => s.differences.filter((d) => d.disposition === disposition).map((d) => ({ caseName: c.name, step: `${s.index + 1}`, difference: d })))),
  );
}

function regressions(run: RunResult): string {
  const rows = located(run, 'regression').map(({ caseName, step, difference: d }) => [
    mdText(caseName), step, d.area, mdCode(d.path), d.kind, mdCode(formatValue(d.legacy)), mdCode(formatValue(d.candidate)),
  ]);
  const token = (run.tokenParity?.findings ?? []).filter((d) => d.disposition === 'regression').map((d) => ['token parity', '', d.area, mdCode(d.path), d.kind, mdCode(formatValue(d.legacy)), mdCode(formatValue(d.candidate))]);
  const all = [...rows, ...token];
  return `## Regressions (${all.length})\n\n${all.length === 0 ? 'None.' : mdTable(['Case', 'Step', 'Area', 'Path', 'Kind', 'Legacy', 'Candidate'], all)}`;
}

function harnessErrors(run: RunResult): string {
  const rows: string[][] = [];
  for (const suite of [...run.suites].sort((a, b) => byText(a.file, b.file))) {
    if (suite.error) rows.push([`suite ${mdCode(suite.file)}`, mdText(suite.error.name), mdText(formatHarnessError(suite.error))]);
  }
  for (const g of groupBySuite(run)) {
    for (const c of g.cases) {
      if (c.status !== 'error' && c.status !== 'interrupted') continue;
      const info = caseErrorOf(c);
      rows.push([mdText(c.name), c.status === 'interrupted' ? 'Interrupted' : mdText(info?.name ?? 'Error'), mdText(info ? formatHarnessError(info) : 'The run was interrupted before this case finished.')]);
    }
  }
  return `## Harness errors (${rows.length})\n\n${rows.length === 0 ? 'None.' : mdTable(['Where', 'Error', 'Message'], rows)}`;
}

function accepted(run: RunResult): string {
  const byRule = new Map<string, { reasons: Set<string>; where: string[] }>();
  const add = (where: string, d: Difference): void => {
    const rule = d.rule ?? '(no rule)';
    const entry = byRule.get(rule) ?? { reasons: new Set<string>(), where: [] };
    if (d.reason) entry.reasons.add(d.reason);
    entry.where.push(`${where} ${d.path}`);
    byRule.set(rule, entry);
  };
  for (const l of located(run, 'accepted')) add(l.caseName, l.difference);
  for (const d of run.tokenParity?.findings ?? []) if (d.disposition === 'accepted') add('token parity', d);
  const rows = [...byRule]
    .sort(([a], [b]) => byText(a, b))
    .map(([rule, e]) => [mdCode(rule), String(e.where.length), mdText([...e.reasons].join(' / ') || '(no reason given)'), whereCell(e.where)]);
  return `## Accepted differences by rule (${run.summary.accepted})\n\n${rows.length === 0 ? 'None.' : mdTable(['Rule', 'Count', 'Why', 'Where (case, path)'], rows)}`;
}

function preExisting(run: RunResult): string {
  const rows = located(run, 'pre-existing').map(({ caseName, difference: d }) => [mdText(caseName), mdCode(d.path), d.rule ? mdCode(d.rule) : '', mdText(d.reason ?? '')]);
  return `## Pre-existing contract issues (${rows.length})\n\nBoth gateways break the contract the same way; reported, not failing.\n\n${rows.length === 0 ? 'None.' : mdTable(['Case', 'Path', 'Check', 'Why'], rows)}`;
}

function tokenParity(run: RunResult): string {
  const p = run.tokenParity;
  if (!p) return '## Token parity\n\nNot checked in this run.';
  const side = (name: string, s: TokenParityResult['candidate']): string[] => [
    name, mdText(s.format), mdText(s.tokenType ?? '–'), mdText(s.scopes.join(' ') || '(none)'), s.expiresIn === undefined ? '–' : `${s.expiresIn} s`, s.issuer ? mdCode(s.issuer) : '–',
  ];
  const findings = p.findings.map((d) => [mdCode(d.path), d.disposition, d.rule ? mdCode(d.rule) : '', mdText(d.reason ?? '')]);
  return [
    `## Token parity: ${p.status.toUpperCase()}`,
    p.error ? `Error: ${mdText(formatHarnessError(p.error))}` : '',
    mdTable(['Side', 'Format', 'Type', 'Scopes', 'Expires in', 'Issuer'], [side('legacy', p.legacy), side('candidate', p.candidate)]),
    findings.length === 0 ? '' : mdTable(['Finding', 'Disposition', 'Rule', 'Why'], findings),
  ].filter((x) => x !== '').join('\n\n');
}

function throttling(run: RunResult): string {
  if (run.throttling.length === 0) return '## Throttling advisory\n\nNo throttling declarations to compare.';
  const perMin = (n: number | null): string => (n === null ? 'unlimited' : `${n}/min`);
  const rows = [...run.throttling]
    .sort((a, b) => byText(a.api, b.api))
    .map((t) => [mdText(t.api), `${mdText(t.legacyTier)} (${perMin(t.legacyPerMinute)})`, `${mdText(t.candidatePolicy)} (${perMin(t.candidatePerMinute)})`, t.admits ? 'admits legacy traffic' : '**may throttle legacy traffic**', mdText(t.notes.join(' '))]);
  return `## Throttling advisory\n\n${mdTable(['API', 'Legacy tier', 'Candidate policy', 'Advice', 'Notes'], rows)}`;
}

/**
 * The sign-off document for the migration ticket: verdict, where it ran, what it ran (with
 * hashes), what differs and why that was accepted, then lines to sign. Plain Markdown only.
 */
export function renderSignoff(run: RunResult, extras: SignoffExtras = {}): string {
  const { verdict, reasons } = verdictOf(run);
  const head = [
    `# API migration parity sign-off — ${mdText(run.environment.name)}`,
    `**Verdict: ${verdict.toUpperCase()}**`,
    reasons.length > 0 ? reasons.map((r) => `- ${mdText(r)}`).join('\n') : 'Every case that ran matched, or differed only in ways a named rule accepts.',
  ];
  const warnings = run.warnings.length === 0 ? '## Warnings\n\nNone.' : `## Warnings\n\n${run.warnings.map((w) => `- ${mdText(w)}`).join('\n')}`;
  const roles = extras.roles ?? defaultSignoffRoles;
  const sign = `## Sign-off\n\n${mdTable(['Name', 'Role', 'Date', 'Decision (approve / reject)'], roles.map((r) => ['', mdText(r), '', '']))}`;
  return `${[...head, runSection(run, extras), totals(run), regressions(run), harnessErrors(run), accepted(run), preExisting(run), tokenParity(run), throttling(run), warnings, sign].join('\n\n')}\n`;
}

/** Places an acceptance was made, distinct and capped: a sign-off must paste cleanly into a ticket. */
const maxWhere = 5;

function whereCell(where: readonly string[]): string {
  const distinct = [...new Set(where)];
  const shown = distinct.slice(0, maxWhere).map((w) => mdText(w)).join('; ');
  return distinct.length > maxWhere ? `${shown}; … and ${distinct.length - maxWhere} more (parity-report.html)` : shown;
}

/** The sign-off reporter for `writeReports` (it still renders from the collected run). */
export function signoffReporter(extras: SignoffExtras = {}): Reporter {
  return {
    fileName: 'signoff.md',
    async write(input, out) {
      // The sign-off shows differences and errors, never a body: drop them as each case is read.
      await out.write(renderSignoff(await collectRun(input, { bodies: false }), extras));
    },
  };
}
