import { formatHarnessError } from '../errors';
import type { RunResult, TargetName, TokenParityResult } from '../model/result';
import { targetNames } from '../model/result';
import type { CaseDigest } from './caseDigest';
import { formatValue } from './describeDifference';
import { byText } from './groupBySuite';
import { mdCode, mdTable, mdText } from './markdown';
import { escapeControlChars } from '../shared/escapeControlChars';
import { RegressionPatternTally, type LocatedDifference, type RegressionPattern } from './regressionPatterns';
import { rulesOf, type RuleUse } from './rulesOf';
import { verdictOf } from './verdict';
import { partialRunWarning } from '../engine/partialRun';
import { reportInputFromRun } from './reportInput';
import type { Reporter, ReportInput } from './reporter';

export interface SignoffExtras {
  /**
   * sha256 of each side's baseline manifest, when the caller knows it and the run result does not
   * (results written before `baselineManifest` existed); the run's own `baselineManifest` wins.
   */
  baselineSha256?: Partial<Record<TargetName, string>>;
  /** Roles that sign; one line each. */
  roles?: readonly string[];
}

const defaultSignoffRoles = ['Migration engineer', 'API owner', 'Release manager'] as const;

const ms = (v: number | null): string => (v === null ? 'n/a' : `${Math.round(v)} ms`);

/** Where the gateways differ from each other, with the fact behind each built-in rule. */
const gatewayDifferencesDoc = 'docs/gateway-differences.md';

/** At most this many individual regressions are listed; the patterns table counts them all. */
export const maxListedRegressions = 20;
/** At most this many path patterns are listed. */
const maxRegressionPatterns = 30;
/** At most this many harness errors, expectations failing on both sides and steps not run are listed (each is counted in full). */
const maxListedRows = 50;

const count = (n: number): string => n.toLocaleString('en-US');

function targetRow(run: RunResult, name: TargetName): string {
  const t = run.environment.targets[name];
  const tls = t.tlsVerify ? '' : ' (TLS verification OFF)';
  if (t.baseline === undefined) return `${mdText(t.profile)} — ${t.hosts.map((h) => mdCode(h)).join(', ') || 'no host'}${tls}`;
  // A replayed side calls nothing: the hosts that count are the ones the recording called.
  const facts = t.baselineManifest;
  const recorded = facts
    ? `recorded ${mdText(facts.recordedAt)} from ${facts.recordedHosts.map((h) => mdCode(h)).join(', ') || 'no host'} (env ${mdText(facts.env)}, profile ${mdText(facts.profile)}, harness ${mdText(facts.harnessVersion)}, ${count(facts.cases)} cases)`
    : 'manifest not readable, so its recording date and hosts are unknown';
  const live = t.hosts.length > 0 ? `; the live hosts configured for this side (${t.hosts.map((h) => mdCode(h)).join(', ')}) were not called` : '';
  return `${mdText(t.profile)} — replayed from the recorded baseline ${mdCode(t.baseline)}: ${recorded}${live}`;
}

function runSection(run: RunResult, facts: SignoffFacts, extras: SignoffExtras): string {
  const t = run.environment.targets;
  const rows: string[][] = [
    ['Environment', `${mdText(run.environment.name)}${run.environment.production ? ' (production)' : ''}${run.environment.sandbox ? ' (sandbox)' : ''}`],
    ['Legacy', targetRow(run, 'legacy')],
    ['Candidate', targetRow(run, 'candidate')],
    ['Date', `${run.finishedAt.slice(0, 10)} (${mdText(run.startedAt)} → ${mdText(run.finishedAt)})`],
    ['Run id', mdCode(run.runId)],
    ['Git commit', run.git ? `${mdCode(run.git.commit)}${run.git.dirty ? ' with uncommitted changes' : ''}` : 'not recorded (not a git checkout, or git is not installed)'],
    ['Harness', `choreo-parity ${mdText(run.harnessVersion)}, results schema v${run.schemaVersion}`],
  ];
  if (run.shard) rows.push(['Shard', `${run.shard.index}/${run.shard.count}`]);
  const inputs: string[][] = facts.suites.map((g) => [mdCode(g.suite.file), g.suite.sha256 ? mdCode(g.suite.sha256) : 'unknown (the file could not be read)', g.suite.error ? '**not loaded**' : 'suite']);
  for (const name of targetNames) {
    const baseline = t[name].baseline;
    if (!baseline) continue;
    const facts = t[name].baselineManifest;
    const sha = facts?.sha256 ?? extras.baselineSha256?.[name];
    const file = facts?.manifest ?? `${baseline.replace(/\/+$/, '')}/manifest.json`;
    const kind = facts ? `${name} baseline manifest, recorded ${mdText(facts.recordedAt)} (lists the sha256 of every recording of its ${count(facts.cases)} cases)` : `${name} baseline manifest`;
    inputs.push([mdCode(file), sha ? mdCode(sha) : 'not recorded: the manifest could not be read when the reports were written', kind]);
  }
  return `## Run\n\n${mdTable(['', ''], rows)}\n\n## Inputs (sha256)\n\n${mdTable(['File', 'sha256', 'Kind'], inputs)}`;
}

function totals(run: RunResult, facts: SignoffFacts): string {
  const s = run.summary;
  const cases = mdTable(['Cases', 'Passed', 'Failed', 'Errors', 'Interrupted', 'Skipped'], [[s.total, s.passed, s.failed, s.errors, s.interrupted, s.skipped].map(String)]);
  const diffs = mdTable(['Regressions', 'Accepted', 'Noise', 'Pre-existing', 'Improvements'], [[s.regressions, s.accepted, s.noise, s.preExisting, s.improvements ?? 'n/a'].map(String)]);
  const latency = mdTable(['Latency (case medians)', 'p50', 'p95'], targetNames.map((t) => [t, ms(s.latency[t].p50), ms(s.latency[t].p95)]));
  return `## Totals\n\n${cases}\n\n${diffs}\n\n${apart(run, facts)}${latency}`;
}

/** The first `maxListedRows` lines, then how many more there are, and where the rest is. */
function capped(lines: Capped, where: string): string {
  const more = lines.total - lines.rows.length;
  return `${lines.rows.join('\n')}${more > 0 ? `\n- … and ${count(more)} more (${where})` : ''}`;
}

/** Failures that are not regressions, counted apart: expectations both sides break, and steps never run. */
function apart(run: RunResult, facts: SignoffFacts): string {
  const s = run.summary;
  if (!s.bothFail && !s.stepsNotRun) return '';
  const parts = [
    ...(s.bothFail ? [`**Fails on the legacy too** (${s.bothFail} expectation(s) in ${s.failedOnBoth ?? 0} otherwise regression-free case(s); not regressions — check the suite or the credentials):\n\n${capped(facts.bothFail, 'parity-report.html, junit.xml')}`] : []),
    ...(s.stepsNotRun ? [`**Steps not run** (${s.stepsNotRun}):\n\n${capped(facts.notRun, 'parity-report.html, junit.xml')}`] : []),
  ];
  return `${parts.join('\n\n')}\n\n`;
}

/**
 * Regressions summarised per path pattern (every one counted), then the first few listed: a
 * 1 MB body with 22,800 changed prices is one line `$.items[*].price × 22,800`, not 22,800 rows.
 */
function regressions(facts: SignoffFacts): string {
  const { total, listed, patterns } = facts.regressions;
  if (total === 0) return '## Regressions (0)\n\nNone.';
  const patternRows = patterns.slice(0, maxRegressionPatterns).map((p) => [
    p.area, mdCode(p.pattern), p.kind, count(p.count), count(p.cases), p.example ? `${mdText(p.example.caseName)}${p.example.step ? ` step ${p.example.step}` : ''}: ${mdCode(formatValue(p.example.difference.legacy), 40)} → ${mdCode(formatValue(p.example.difference.candidate), 40)}` : 'none listed (counted beyond what each step lists)',
  ]);
  const morePatterns = patterns.length > maxRegressionPatterns ? `\n\n… and ${count(patterns.length - maxRegressionPatterns)} more patterns (parity-report.html, results.json).` : '';
  const rows = listed.map(({ caseName, step, difference: d }) => [
    mdText(caseName), step, d.area, mdCode(d.path), d.kind, mdCode(formatValue(d.legacy)), mdCode(formatValue(d.candidate)),
  ]);
  const moreListed = total > maxListedRegressions ? `\n\nThe first ${maxListedRegressions} of ${count(total)}; parity-report.html and results.json list each step's (a step with very many lists the first ones and counts the rest per path pattern).` : '';
  return [
    `## Regressions (${count(total)})`,
    `### By path pattern (${count(patterns.length)})\n\n${mdTable(['Area', 'Path pattern', 'Kind', 'Count', 'Cases', 'First seen (legacy → candidate)'], patternRows)}${morePatterns}`,
    `### ${total > maxListedRegressions ? `First ${maxListedRegressions}` : 'All'}\n\n${mdTable(['Case', 'Step', 'Area', 'Path', 'Kind', 'Legacy', 'Candidate'], rows)}${moreListed}`,
  ].join('\n\n');
}

function harnessErrors(facts: SignoffFacts): string {
  const { rows, total } = facts.errors;
  const more = total > rows.length ? `\n\nThe first ${rows.length} of ${count(total)}; every one is in parity-report.html and junit.xml.` : '';
  return `## Harness errors (${count(total)})\n\n${total === 0 ? 'None.' : `${mdTable(['Where', 'Error', 'Message'], rows)}${more}`}`;
}

/** One row per rule: name, count, why, where (capped). */
function ruleRows(rules: Map<string, RuleUse>): string[][] {
  return [...rules].map(([rule, use]) => [mdCode(rule), String(use.count), mdText([...use.reasons].join(' / ') || '(no reason given)'), whereCell(use)]);
}

function accepted(run: RunResult, facts: SignoffFacts): string {
  const cite = `Built-in rules are gateway facts: each is explained, with the source it rests on, in [${gatewayDifferencesDoc}](${gatewayDifferencesDoc}). A suite's own rules carry the reason written in the suite.`;
  return `## Accepted differences by rule (${run.summary.accepted})\n\n${facts.accepted.size === 0 ? 'None.' : `${cite}\n\n${mdTable(['Rule', 'Count', 'Why', 'Where (case, path)'], ruleRows(facts.accepted))}`}`;
}

function preExisting(run: RunResult, facts: SignoffFacts): string {
  return `## Pre-existing contract issues (${run.summary.preExisting})\n\nBoth gateways break the contract the same way; reported, not failing.\n\n${facts.preExisting.size === 0 ? 'None.' : mdTable(['Check', 'Count', 'Why', 'Where (case, path)'], ruleRows(facts.preExisting))}`;
}

function tokenParity(run: RunResult): string {
  const p = run.tokenParity;
  if (!p) return `## Token parity: NOT CHECKED\n\n${tokenParityNotCheckedReason(run)}`;
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

/** Why token parity has no result, from what the run recorded. */
function tokenParityNotCheckedReason(run: RunResult): string {
  const legacy = run.environment.targets.legacy;
  if (legacy.baseline !== undefined) {
    return `Reason: the legacy side was replayed from the recorded baseline ${mdCode(legacy.baseline)}, which has no token endpoint to ask; token parity needs both sides live. Run once without LEGACY_BASELINE (or --legacy-baseline) to check it.`;
  }
  if (run.environment.targets.candidate.baseline !== undefined) {
    return `Reason: the candidate side was replayed from the recorded baseline ${mdCode(run.environment.targets.candidate.baseline)}; token parity needs both sides live.`;
  }
  const keySide = (['legacy', 'candidate'] as const).find((side) => run.environment.targets[side].auth.startsWith('API key'));
  if (keySide) return `Reason: the ${keySide} side authenticates with an API key (${keySide.toUpperCase()}_GRANT=api_key): there is no OAuth2 token to compare.`;
  if (run.interrupted) return 'Reason: the run was interrupted before the token check ran.';
  return 'Reason: the token check was not part of this run (turned off with `tokenParity: false`, or left out by a test-name filter such as `npm test -- -t`). Run the full suite to check it.';
}

const perMin = (n: number | null): string => (n === null ? 'unlimited' : `${n.toLocaleString('en-US')}/min`);

function throttlingAdvice(t: RunResult['throttling'][number]): string {
  if ((t.unreadable ?? []).length > 0) return '**unknown: a name could not be read (see Warnings)**';
  return t.admits ? 'admits legacy traffic' : '**may throttle legacy traffic**';
}

function throttling(run: RunResult): string {
  if (run.throttling.length === 0) {
    return '## Throttling advisory\n\nNot checked: no API declares its throttling. Set `PARITY_API_<NAME>_LEGACY_TIER` and `PARITY_API_<NAME>_CANDIDATE_POLICY` in the env file to compare the legacy tier with the Choreo policy.';
  }
  const side = (label: string, perMinute: number | null, unknown: boolean): string => `${mdText(label)} (${unknown ? 'unknown limit' : perMin(perMinute)})`;
  const rows = [...run.throttling]
    .sort((a, b) => byText(a.api, b.api))
    .map((t) => [
      mdText(t.api),
      side(t.legacyTier, t.legacyPerMinute, (t.unreadable ?? []).includes('legacy')),
      side(t.candidatePolicy, t.candidatePerMinute, (t.unreadable ?? []).includes('candidate')),
      throttlingAdvice(t),
      mdText(t.notes.join(' ')),
    ]);
  return `## Throttling advisory\n\n${mdTable(['API', 'Legacy tier', 'Candidate policy', 'Advice', 'Notes'], rows)}`;
}

interface Capped {
  rows: string[];
  total: number;
}

/** What the sign-off lists, gathered in one pass over the digests; only cases with regressions or both-side failures are read from disk. */
interface SignoffFacts {
  suites: ReportInput['groups'];
  regressions: { total: number; listed: LocatedDifference[]; patterns: RegressionPattern[] };
  bothFail: Capped;
  notRun: Capped;
  errors: { rows: string[][]; total: number };
  accepted: Map<string, RuleUse>;
  preExisting: Map<string, RuleUse>;
}

const hasFailing = (d: CaseDigest): boolean => d.rules.some((r) => r.key.startsWith('regression:') || r.key.startsWith('both-fail:'));

async function gatherFacts(input: ReportInput): Promise<SignoffFacts> {
  const { run } = input;
  const tally = new RegressionPatternTally();
  const listed: LocatedDifference[] = [];
  let total = 0;
  const bothFail: Capped = { rows: [], total: 0 };
  const notRun: Capped = { rows: [], total: 0 };
  const errors: SignoffFacts['errors'] = { rows: [], total: 0 };
  const push = (into: { rows: unknown[]; total: number }, row: () => unknown): void => {
    into.total += 1;
    if (into.rows.length < maxListedRows) into.rows.push(row());
  };
  const addRegression = (entry: LocatedDifference): void => {
    total += 1;
    tally.add(entry);
    if (listed.length < maxListedRegressions) listed.push(entry);
  };
  for (const suite of [...run.suites].sort((a, b) => byText(a.file, b.file))) {
    if (suite.error) push(errors, () => [`suite ${mdCode(suite.file)}`, mdText(suite.error!.name), mdText(formatHarnessError(suite.error!))]);
  }
  for (const digest of input.digests) {
    for (const n of digest.notRun ?? []) push(notRun, () => `- ${mdText(digest.name)}: step ${n.index + 1} ${mdText(n.name)} not run — ${mdText(n.reason)}`);
    if (digest.status === 'error' || digest.status === 'interrupted') {
      const info = digest.shownError;
      push(errors, () => [mdText(digest.name), digest.status === 'interrupted' ? 'Interrupted' : mdText(info?.name ?? 'Error'), mdText(info ? formatHarnessError(info) : 'The run was interrupted before this case finished.')]);
    }
    if (!hasFailing(digest)) continue;
    // One case in memory at a time; only what is listed or counted is kept.
    const result = await input.load(digest);
    for (const step of result.steps) {
      for (const d of step.differences) {
        if (d.disposition === 'regression') addRegression({ caseName: result.name, step: `${step.index + 1}`, difference: d });
        else if (d.disposition === 'both-fail') push(bothFail, () => `- ${mdText(result.name)}, step ${step.index + 1}: ${mdCode(d.path)} — ${mdText(d.reason ?? '')}`);
      }
      // Regressions the step counted without listing them: in the total and in their pattern's count.
      for (const group of step.unlisted ?? []) {
        if (group.disposition !== 'regression') continue;
        total += group.count;
        tally.addUnlisted(group, result.name);
      }
    }
  }
  for (const d of run.tokenParity?.findings ?? []) if (d.disposition === 'regression') addRegression({ caseName: 'token parity', step: '', difference: d });
  return {
    suites: input.groups,
    regressions: { total, listed, patterns: tally.patterns() },
    bothFail,
    notRun,
    errors,
    accepted: rulesOf(input.digests, run.tokenParity, 'accepted', maxWhere + 1),
    preExisting: rulesOf(input.digests, run.tokenParity, 'pre-existing', maxWhere + 1),
  };
}

/**
 * The sign-off document for the migration ticket: verdict, where it ran, what it ran (with
 * hashes), what differs and why that was accepted, then lines to sign. Plain Markdown only, and
 * bounded whatever the size of the run: long lists are cut with a count of what was left out.
 */
async function signoffOf(input: ReportInput, extras: SignoffExtras): Promise<string> {
  const { run } = input;
  const facts = await gatherFacts(input);
  const { verdict, reasons } = verdictOf(run);
  const head = [
    `# API migration parity sign-off — ${mdText(run.environment.name)}`,
    `**Verdict: ${verdict.toUpperCase()}**`,
    // A narrowed or cut run is never a sign-off of the whole suite set: said beside the verdict.
    ...(run.partial ? [`**${mdText(partialRunWarning(run.partial))}**`] : []),
    reasons.length > 0 ? reasons.map((r) => `- ${mdText(r)}`).join('\n') : 'Every case that ran matched, or differed only in ways a named rule accepts.',
  ];
  const warnings = run.warnings.length === 0 ? '## Warnings\n\nNone.' : `## Warnings\n\n${run.warnings.map((w) => `- ${mdText(w)}`).join('\n')}`;
  const roles = extras.roles ?? defaultSignoffRoles;
  const sign = `## Sign-off\n\n${mdTable(['Name', 'Role', 'Date', 'Decision (approve / reject)'], roles.map((r) => ['', mdText(r), '', '']))}`;
  const sections = [...head, runSection(run, facts, extras), totals(run, facts), regressions(facts), harnessErrors(facts), accepted(run, facts), preExisting(run, facts), tokenParity(run), throttling(run), warnings, sign];
  // Escaped once more as a whole: no interpolated value may carry a control sequence into a viewer.
  return escapeControlChars(`${sections.join('\n\n')}\n`);
}

/** The sign-off of a run held in memory (tests and small runs). */
export async function renderSignoff(run: RunResult, extras: SignoffExtras = {}): Promise<string> {
  const input = reportInputFromRun(run);
  try {
    return await signoffOf(input, extras);
  } finally {
    await input.close();
  }
}

/** Places an acceptance was made, distinct and capped: a sign-off must paste cleanly into a ticket. */
const maxWhere = 5;

function whereCell(use: RuleUse): string {
  const distinct = [...new Set(use.where)];
  const shown = distinct.slice(0, maxWhere).map((w) => mdText(w)).join('; ');
  const more = Math.max(0, distinct.length - maxWhere) + use.more;
  return more > 0 ? `${shown}; … and ${count(more)} more (parity-report.html)` : shown;
}

/** The sign-off reporter for `writeReports`: one bounded document, gathered from the digests and the failing cases. */
export function signoffReporter(extras: SignoffExtras = {}): Reporter {
  return {
    fileName: 'signoff.md',
    async write(input, out) {
      await out.write(await signoffOf(input, extras));
    },
  };
}
