import { createHash } from 'node:crypto';
import type { CaseStatus, Disposition, RunResult, TokenParityResult } from '../model/result';
import { targetNames } from '../model/result';
import type { CaseDigest } from './caseDigest';
import { byText } from './groupBySuite';
import { rulesOf, type RuleUse } from './rulesOf';
import { caseView, errorBox } from './html/caseView';
import { statusChart, statusOrder, type ApiCounts } from './html/charts';
import { clientScript } from './html/clientScript';
import { html, jsonForScript, raw, type Html } from './html/escape';
import { styles } from './html/styles';
import { WhatBroke } from './html/whatBroke';
import { renderToString } from './renderToString';
import type { ReportInput, ReportOutput, Reporter } from './reporter';
import { verdictOf } from './verdict';

const dispositions: readonly Disposition[] = ['regression', 'accepted', 'noise', 'pre-existing', 'improvement'];
const cspHash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
/** Statuses whose cases are shown in full (both exchanges, every difference); others are one row. */
const detailed = (status: CaseStatus): boolean => status === 'failed' || status === 'error' || status === 'interrupted';
/** Places listed per rule when a rule's row is expanded. */
const maxPlacesPerRule = 50;

/**
 * Nothing loads from anywhere: no network, no fonts, no frames; only the two inline blocks whose
 * hashes are listed may run or style. A body that smuggled markup past escaping still could not
 * execute a script or send anything out.
 */
export const htmlContentSecurityPolicy = `default-src 'none'; script-src ${cspHash(clientScript)}; style-src ${cspHash(styles)}; img-src data:; base-uri 'none'; form-action 'none'`;

function banner(run: RunResult): Html {
  const { verdict, reasons } = verdictOf(run);
  const t = run.environment.targets;
  const git = run.git ? html` · commit <code>${run.git.commit.slice(0, 12)}</code>${run.git.dirty ? ' (uncommitted changes)' : ''}` : '';
  const shard = run.shard ? html` · shard ${run.shard.index}/${run.shard.count}` : '';
  return html`<header class="banner verdict-${verdict}" id="banner">
<div class="verdict" id="verdict">${verdict.toUpperCase()}</div>
<div class="meta">
<h1>API contract parity — ${run.environment.name}${run.environment.production ? ' (production)' : ''}</h1>
<p>Legacy <strong>${t.legacy.profile}</strong> ${t.legacy.hosts.join(', ')}${t.legacy.baseline ? ` (baseline ${t.legacy.baseline})` : ''} → Candidate <strong>${t.candidate.profile}</strong> ${t.candidate.hosts.join(', ')}</p>
<p>Run <code>${run.runId}</code> · ${run.startedAt} → ${run.finishedAt}${git}${shard}</p>
${reasons.length > 0 ? html`<ul class="reasons">${reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
</div></header>`;
}

function cards(run: RunResult): Html {
  const s = run.summary;
  const card = (key: string, n: number | string, tone: string, id: string): Html => html`<div class="card ${tone}" id="count-${id}"><div class="n">${n}</div><div class="k">${key}</div></div>`;
  const lat = (v: number | null): string => (v === null ? '–' : `${Math.round(v)} ms`);
  return html`<div class="cards">
${card('cases', s.total, '', 'total')}${card('passed', s.passed, 'good', 'passed')}${card('failed', s.failed, s.failed ? 'bad' : '', 'failed')}${card('errors', s.errors, s.errors ? 'warn' : '', 'errors')}${card('interrupted', s.interrupted, s.interrupted ? 'warn' : '', 'interrupted')}${card('skipped', s.skipped, '', 'skipped')}
${card('regressions', s.regressions, s.regressions ? 'bad' : '', 'regressions')}${card('accepted', s.accepted, '', 'accepted')}${card('noise', s.noise, '', 'noise')}${card('pre-existing', s.preExisting, '', 'pre-existing')}
${targetNames.map((t) => card(`${t} latency p50 / p95`, `${lat(s.latency[t].p50)} / ${lat(s.latency[t].p95)}`, 'wide', `latency-${t}`))}
</div>`;
}

type ApiRow = ApiCounts & { dispositions: Record<Disposition, number> };

function apiCounts(digests: readonly CaseDigest[]): ApiRow[] {
  const byApi = new Map<string, ApiRow>();
  for (const c of digests) {
    let entry = byApi.get(c.api);
    if (!entry) {
      entry = {
        api: c.api,
        total: 0,
        byStatus: Object.fromEntries(statusOrder.map((s) => [s, 0])) as Record<CaseStatus, number>,
        dispositions: Object.fromEntries(dispositions.map((d) => [d, 0])) as Record<Disposition, number>,
      };
      byApi.set(c.api, entry);
    }
    entry.total += 1;
    entry.byStatus[c.status] += 1;
    for (const rule of c.rules) entry.dispositions[rule.key.slice(0, rule.key.indexOf(':')) as Disposition] += rule.count;
  }
  return [...byApi.values()].sort((a, b) => byText(a.api, b.api));
}

function apiTable(apis: readonly ApiRow[]): Html {
  const rows = apis.map(
    (a) => html`<tr data-api="${a.api}"><td class="wrap">${a.api}</td><td class="num">${a.total}</td>${statusOrder.map((s) => html`<td class="num">${a.byStatus[s]}</td>`)}${dispositions.map((d) => html`<td class="num">${a.dispositions[d]}</td>`)}</tr>`,
  );
  return html`<div class="scroll"><table id="api-table"><thead><tr><th>API</th><th class="num">cases</th>${statusOrder.map((s) => html`<th class="num">${s}</th>`)}${dispositions.map((d) => html`<th class="num">${d}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** One collapsed row per rule (count and why); expanding it lists where. */
function ruleList(rules: Map<string, RuleUse>, id: string, empty: string): Html {
  if (rules.size === 0) return html`<p class="muted" id="${id}">${empty}</p>`;
  const items = [...rules].map(
    ([rule, use]) => html`<details class="rule" data-rule="${rule}"><summary><code>${rule}</code> <span class="count">×${use.count}</span> <span class="why">${[...use.reasons].join(' / ') || '(no reason given)'}</span></summary><ul class="where">${use.where.map((w) => html`<li><code>${w}</code></li>`)}${use.more > 0 ? html`<li class="muted">… and ${use.more} more places (see the cases)</li>` : ''}</ul></details>`,
  );
  return html`<div class="rules" id="${id}">${items}</div>`;
}

function suitesSection(input: ReportInput): Html {
  const rows = input.groups.map(
    (g) => html`<tr><td class="wrap"><code>${g.suite.file}</code></td><td class="wrap">${g.suite.name}</td><td class="num">${g.digests.length}</td><td class="wrap"><code>${g.suite.sha256 || '(unknown)'}</code></td><td>${g.suite.error ? html`<span class="disp disp-regression">not loaded</span>` : 'loaded'}</td></tr>`,
  );
  const errors = input.run.suites.filter((s) => s.error).map((s) => errorBox(s.error!, `Suite ${s.file} could not be loaded`));
  return html`<table class="fixed" id="suites-table"><colgroup><col class="c-file"><col><col class="c-n"><col class="c-sha"><col class="c-disp"></colgroup><thead><tr><th>File</th><th>Suite</th><th class="num">cases</th><th>sha256</th><th>Load</th></tr></thead><tbody>${rows}</tbody></table>${errors}`;
}

function tokenSection(parity: TokenParityResult | undefined): Html {
  if (!parity) return html`<p class="muted">Token parity was not checked in this run.</p>`;
  const side = (s: TokenParityResult['legacy'] & { issuer?: string; signature?: string }): Html =>
    html`<td>${s.format}</td><td>${s.tokenType ?? '–'}</td><td class="wrap">${s.scopes.join(' ') || '(none)'}</td><td class="num">${s.expiresIn === undefined ? '–' : `${s.expiresIn} s`}</td><td class="wrap">${s.issuer ?? '–'}</td><td class="wrap">${s.signature ?? '–'}</td>`;
  const findings = parity.findings.map(
    (d) => html`<tr class="row-${d.disposition}"><td class="wrap"><code>${d.path}</code></td><td>${d.kind}</td><td><span class="disp disp-${d.disposition}">${d.disposition}</span></td><td class="wrap">${d.rule ? html`<code>${d.rule}</code>` : ''}</td><td class="wrap">${d.reason ?? ''}</td></tr>`,
  );
  return html`<p id="token-status">Status: <span class="badge badge-${parity.status === 'passed' ? 'passed' : parity.status === 'failed' ? 'failed' : 'error'}">${parity.status}</span></p>
${parity.error ? errorBox(parity.error) : ''}
<table class="fixed"><thead><tr><th>Side</th><th>Format</th><th>Type</th><th>Scopes</th><th class="num">Expires in</th><th>Issuer</th><th>Signature</th></tr></thead><tbody>
<tr><th>legacy</th>${side(parity.legacy)}</tr><tr><th>candidate</th>${side(parity.candidate)}</tr></tbody></table>
${findings.length > 0 ? html`<table class="fixed"><thead><tr><th>Finding</th><th>Kind</th><th>Disposition</th><th>Rule</th><th>Why</th></tr></thead><tbody>${findings}</tbody></table>` : ''}`;
}

function throttlingSection(run: RunResult): Html {
  if (run.throttling.length === 0) return html`<p class="muted">No throttling declarations to compare.</p>`;
  const perMin = (n: number | null): string => (n === null ? 'unlimited' : `${n}/min`);
  const rows = [...run.throttling]
    .sort((a, b) => byText(a.api, b.api))
    .map(
      (t) => html`<tr><td class="wrap">${t.api}</td><td class="wrap">${t.legacyTier} (${perMin(t.legacyPerMinute)})</td><td class="wrap">${t.candidatePolicy} (${perMin(t.candidatePerMinute)})</td><td>${t.admits ? html`<span class="disp disp-improvement">admits</span>` : html`<span class="disp disp-regression">may throttle</span>`}</td><td class="wrap">${t.notes.map((n) => html`<div>${n}</div>`)}</td></tr>`,
    );
  return html`<table class="fixed" id="throttling-table"><thead><tr><th>API</th><th>Legacy tier</th><th>Candidate policy</th><th>Advice</th><th>Notes</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * Every case as one compact row for the client script's paged table: a few dozen bytes a case,
 * so 50,000 cases stay a few MB and the page shows 100 rows at a time. Strings are indexed
 * (suites, APIs, tags) so each is written once.
 */
function caseRows(input: ReportInput, detailedIndex: Map<CaseDigest, number>): string {
  const suites = input.groups.map((g) => g.suite.file);
  const apis = [...new Set(input.digests.map((d) => d.api))].sort(byText);
  const tags = [...new Set(input.digests.flatMap((d) => d.tags))].sort(byText);
  const suiteAt = new Map(suites.map((s, i) => [s, i]));
  const apiAt = new Map(apis.map((a, i) => [a, i]));
  const tagAt = new Map(tags.map((t, i) => [t, i]));
  const rows = input.digests.map((d) => {
    const accepted = d.rules.filter((r) => r.key.startsWith('accepted:')).reduce((n, r) => n + r.count, 0);
    return [statusOrder.indexOf(d.status), suiteAt.get(d.suiteFile) ?? -1, d.name, apiAt.get(d.api) ?? -1, d.tags.map((t) => tagAt.get(t)!), d.latency.legacyMs, d.latency.candidateMs, d.durationMs, accepted, detailedIndex.get(d) ?? -1];
  });
  return jsonForScript({ statuses: statusOrder, suites, apis, tags, rows });
}

function filters(input: ReportInput): Html {
  const option = (value: string, label: string): Html => html`<option value="${value}">${label}</option>`;
  const apis = [...new Set(input.digests.map((c) => c.api))].sort(byText);
  const tags = [...new Set(input.digests.flatMap((c) => c.tags))].sort(byText);
  const counts = new Map<CaseStatus, number>();
  for (const d of input.digests) counts.set(d.status, (counts.get(d.status) ?? 0) + 1);
  return html`<div class="filters">
<label>Status <select id="filter-status">${option('', 'all')}${statusOrder.map((s) => option(s, `${s} (${counts.get(s) ?? 0})`))}</select></label>
<label>API <select id="filter-api">${option('', 'all')}${apis.map((a) => option(a, a))}</select></label>
<label>Tag <select id="filter-tag">${option('', 'all')}${tags.map((t) => option(t, t))}</select></label>
<label>Name <input id="filter-text" type="search" placeholder="part of a case name"></label>
<span class="count" id="filter-count">Showing ${input.digests.length} of ${input.digests.length} cases</span>
<span class="pager"><button type="button" id="page-prev">‹ previous</button> <span id="page-label">page 1</span> <button type="button" id="page-next">next ›</button></span>
</div>`;
}

async function writeCaseDetails(input: ReportInput, out: ReportOutput, detailedIndex: Map<CaseDigest, number>): Promise<void> {
  let index = 0;
  for (const digest of input.digests) {
    if (!detailed(digest.status)) continue;
    detailedIndex.set(digest, index);
    await out.write(caseView(await input.load(digest), index, input.run).value);
    await out.write('\n');
    index += 1;
  }
  if (index === 0) await out.write(html`<p class="muted" id="no-details">No case failed or errored: nothing needs a closer look.</p>`.value);
}

/**
 * The parity report as one self-contained HTML file, written as a stream: the verdict, then "What
 * broke" (one line per regression, then harness errors), counts, accepted differences collapsed
 * per rule, suites, token parity, throttling; then every failed or errored case in full, side by
 * side with differing paths highlighted; then every case as a row of a paged, filterable table.
 * Passing cases carry a summary row only: their exchanges are in results.json and cases.ndjson.
 * Every value from the run is escaped (see `html/escape.ts`) and the page runs under a hash-based CSP.
 */
export const htmlReporter: Reporter = {
  fileName: 'parity-report.html',
  async write(input, out) {
    const { run } = input;
    const { verdict } = verdictOf(run);
    const broke = new WhatBroke();
    for (const suite of run.suites) broke.addSuite(suite);
    let index = 0;
    for (const digest of input.digests) {
      if (detailed(digest.status)) {
        broke.add(digest, index);
        index += 1;
      }
    }
    broke.addTokenParity(run.tokenParity);
    const s = run.summary;
    const apis = apiCounts(input.digests);
    await out.write(html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${raw(htmlContentSecurityPolicy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Contract parity — ${run.environment.name} — ${verdict.toUpperCase()}</title>
<style>${raw(styles)}</style>
</head>
<body>
${banner(run)}
<main>
${run.warnings.length > 0 ? html`<div class="warnings" id="warnings"><strong>Warnings</strong><ul>${run.warnings.map((w) => html`<li>${w}</li>`)}</ul></div>` : ''}
${broke.render()}
<h2>Overview</h2>
${cards(run)}
<div class="two">
<div><h4>Cases per API</h4>${statusChart(apis)}</div>
<div><h4>Differences by disposition</h4><table id="disposition-table"><tbody>
<tr><td><span class="disp disp-regression">regression</span></td><td class="num">${s.regressions}</td></tr>
<tr><td><span class="disp disp-accepted">accepted</span></td><td class="num">${s.accepted}</td></tr>
<tr><td><span class="disp disp-noise">noise</span></td><td class="num">${s.noise}</td></tr>
<tr><td><span class="disp disp-pre-existing">pre-existing</span></td><td class="num">${s.preExisting}</td></tr>
${s.improvements === undefined ? '' : html`<tr><td><span class="disp disp-improvement">improvement</span></td><td class="num">${s.improvements}</td></tr>`}
</tbody></table><p class="muted">Over all cases and token-parity findings.</p></div>
</div>
<h4>Per API</h4>
${apiTable(apis)}
<h2>Accepted differences by rule</h2>
${ruleList(rulesOf(input.digests, run.tokenParity, 'accepted', maxPlacesPerRule), 'accepted-table', 'No difference was accepted by a rule.')}
<h2>Pre-existing contract issues</h2>
${ruleList(rulesOf(input.digests, run.tokenParity, 'pre-existing', maxPlacesPerRule), 'pre-existing-table', 'None: neither side broke the contract in the same way.')}
<h2>Suites</h2>
${suitesSection(input)}
<h2>Token parity</h2>
${tokenSection(run.tokenParity)}
<h2>Throttling advisory</h2>
${throttlingSection(run)}
<h2>Failed and errored cases, in full</h2>
<div id="cases">
`.value);
    const detailedIndex = new Map<CaseDigest, number>();
    await writeCaseDetails(input, out, detailedIndex);
    await out.write(html`</div>
<h2>All cases</h2>
${filters(input)}
<table class="fixed" id="case-table"><colgroup><col class="c-status"><col><col class="c-api"><col class="c-file"><col class="c-lat"><col class="c-n"></colgroup><thead><tr><th>Status</th><th>Case</th><th>API</th><th>Suite</th><th>Latency legacy / candidate</th><th class="num">accepted</th></tr></thead><tbody id="case-rows"></tbody></table>
<footer>choreo-parity ${run.harnessVersion} · results schema v${run.schemaVersion} · run ${run.runId}. Passing cases are summarised here; every exchange of every case is in results.json and cases.ndjson.</footer>
</main>
<script type="application/json" id="parity-cases">${raw(caseRows(input, detailedIndex))}</script>
<script>${raw(clientScript)}</script>
</body>
</html>
`.value);
  },
};

/** The HTML report of a run held in memory, as one string (tests and small runs). */
export function renderHtml(run: RunResult): Promise<string> {
  return renderToString(htmlReporter, run);
}
