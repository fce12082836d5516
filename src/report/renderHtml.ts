import { createHash } from 'node:crypto';
import type { CaseResult, CaseStatus, Difference, Disposition, RunResult, TokenParityResult } from '../model/result';
import { targetNames } from '../model/result';
import { groupBySuite, byText } from './groupBySuite';
import { caseView, errorBox } from './html/caseView';
import { latencyChart, statusChart, statusOrder, type ApiCounts } from './html/charts';
import { clientScript } from './html/clientScript';
import { html, jsonForScript, raw, type Html } from './html/escape';
import { styles } from './html/styles';
import { verdictOf } from './verdict';

const dispositions: readonly Disposition[] = ['regression', 'accepted', 'noise', 'pre-existing', 'improvement'];
const cspHash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

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

function apiCounts(cases: readonly CaseResult[]): Array<ApiCounts & { dispositions: Record<Disposition, number> }> {
  const byApi = new Map<string, ApiCounts & { dispositions: Record<Disposition, number> }>();
  for (const c of cases) {
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
    for (const step of c.steps) for (const d of step.differences) entry.dispositions[d.disposition] += 1;
  }
  return [...byApi.values()].sort((a, b) => byText(a.api, b.api));
}

function apiTable(apis: ReturnType<typeof apiCounts>): Html {
  const rows = apis.map(
    (a) => html`<tr data-api="${a.api}"><td>${a.api}</td><td class="num">${a.total}</td>${statusOrder.map((s) => html`<td class="num">${a.byStatus[s]}</td>`)}${dispositions.map((d) => html`<td class="num">${a.dispositions[d]}</td>`)}</tr>`,
  );
  return html`<table id="api-table"><thead><tr><th>API</th><th class="num">cases</th>${statusOrder.map((s) => html`<th class="num">${s}</th>`)}${dispositions.map((d) => html`<th class="num">${d}</th>`)}</tr></thead><tbody>${rows}</tbody></table>`;
}

interface RuleUse {
  count: number;
  reasons: Set<string>;
  where: Set<string>;
}

function differencesBy(run: RunResult, disposition: Disposition): Map<string, RuleUse> {
  const rules = new Map<string, RuleUse>();
  const add = (d: Difference, where: string): void => {
    if (d.disposition !== disposition) return;
    const rule = d.rule ?? '(no rule)';
    const use = rules.get(rule) ?? { count: 0, reasons: new Set<string>(), where: new Set<string>() };
    use.count += 1;
    if (d.reason) use.reasons.add(d.reason);
    use.where.add(`${where} ${d.path}`);
    rules.set(rule, use);
  };
  for (const c of run.cases) for (const step of c.steps) for (const d of step.differences) add(d, c.name);
  for (const d of run.tokenParity?.findings ?? []) add(d, 'token parity');
  return new Map([...rules].sort(([a], [b]) => byText(a, b)));
}

function ruleTable(run: RunResult, disposition: Disposition, id: string, empty: string): Html {
  const rules = differencesBy(run, disposition);
  if (rules.size === 0) return html`<p class="muted" id="${id}">${empty}</p>`;
  const rows = [...rules].map(
    ([rule, use]) => html`<tr data-rule="${rule}"><td><code>${rule}</code></td><td class="num">${use.count}</td><td>${[...use.reasons].map((r) => html`<div>${r}</div>`)}</td><td>${[...use.where].sort(byText).map((w) => html`<div><code>${w}</code></div>`)}</td></tr>`,
  );
  return html`<table id="${id}"><thead><tr><th>Rule</th><th class="num">count</th><th>Why</th><th>Where (case, path)</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function suitesSection(run: RunResult): Html {
  const rows = groupBySuite(run).map(
    (g) => html`<tr><td><code>${g.suite.file}</code></td><td>${g.suite.name}</td><td class="num">${g.cases.length}</td><td><code>${g.suite.sha256 || '(unknown)'}</code></td><td>${g.suite.error ? html`<span class="disp disp-regression">not loaded</span>` : 'loaded'}</td></tr>`,
  );
  const errors = run.suites.filter((s) => s.error).map((s) => errorBox(s.error!, `Suite ${s.file} could not be loaded`));
  return html`<table id="suites-table"><thead><tr><th>File</th><th>Suite</th><th class="num">cases</th><th>sha256</th><th>Load</th></tr></thead><tbody>${rows}</tbody></table>${errors}`;
}

function tokenSection(parity: TokenParityResult | undefined): Html {
  if (!parity) return html`<p class="muted">Token parity was not checked in this run.</p>`;
  const side = (s: TokenParityResult['legacy'] & { issuer?: string; signature?: string }): Html =>
    html`<td>${s.format}</td><td>${s.tokenType ?? '–'}</td><td>${s.scopes.join(' ') || '(none)'}</td><td class="num">${s.expiresIn === undefined ? '–' : `${s.expiresIn} s`}</td><td>${s.issuer ?? '–'}</td><td>${s.signature ?? '–'}</td>`;
  const findings = parity.findings.map(
    (d) => html`<tr><td><code>${d.path}</code></td><td>${d.kind}</td><td><span class="disp disp-${d.disposition}">${d.disposition}</span></td><td>${d.rule ? html`<code>${d.rule}</code>` : ''}</td><td>${d.reason ?? ''}</td></tr>`,
  );
  return html`<p id="token-status">Status: <span class="badge badge-${parity.status === 'passed' ? 'passed' : parity.status === 'failed' ? 'failed' : 'error'}">${parity.status}</span></p>
${parity.error ? errorBox(parity.error) : ''}
<table><thead><tr><th>Side</th><th>Format</th><th>Type</th><th>Scopes</th><th class="num">Expires in</th><th>Issuer</th><th>Signature</th></tr></thead><tbody>
<tr><th>legacy</th>${side(parity.legacy)}</tr><tr><th>candidate</th>${side(parity.candidate)}</tr></tbody></table>
${findings.length > 0 ? html`<table><thead><tr><th>Finding</th><th>Kind</th><th>Disposition</th><th>Rule</th><th>Why</th></tr></thead><tbody>${findings}</tbody></table>` : ''}`;
}

function throttlingSection(run: RunResult): Html {
  if (run.throttling.length === 0) return html`<p class="muted">No throttling declarations to compare.</p>`;
  const perMin = (n: number | null): string => (n === null ? 'unlimited' : `${n}/min`);
  const rows = [...run.throttling]
    .sort((a, b) => byText(a.api, b.api))
    .map(
      (t) => html`<tr><td>${t.api}</td><td>${t.legacyTier} (${perMin(t.legacyPerMinute)})</td><td>${t.candidatePolicy} (${perMin(t.candidatePerMinute)})</td><td>${t.admits ? html`<span class="disp disp-improvement">admits</span>` : html`<span class="disp disp-regression">may throttle</span>`}</td><td>${t.notes.map((n) => html`<div>${n}</div>`)}</td></tr>`,
    );
  return html`<table id="throttling-table"><thead><tr><th>API</th><th>Legacy tier</th><th>Candidate policy</th><th>Advice</th><th>Notes</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function filters(cases: readonly CaseResult[]): Html {
  const option = (value: string, label: string): Html => html`<option value="${value}">${label}</option>`;
  const apis = [...new Set(cases.map((c) => c.api))].sort(byText);
  const tags = [...new Set(cases.flatMap((c) => c.tags))].sort(byText);
  return html`<div class="filters">
<label>Status <select id="filter-status">${option('', 'all')}${statusOrder.map((s) => option(s, `${s} (${cases.filter((c) => c.status === s).length})`))}</select></label>
<label>API <select id="filter-api">${option('', 'all')}${apis.map((a) => option(a, a))}</select></label>
<label>Tag <select id="filter-tag">${option('', 'all')}${tags.map((t) => option(t, t))}</select></label>
<button type="button" id="expand-all">Expand all</button><button type="button" id="collapse-all">Collapse all</button>
<span class="count" id="filter-count">Showing ${cases.length} of ${cases.length} cases</span>
</div>`;
}

/**
 * The parity report as one self-contained HTML file: verdict banner, counts, inline SVG charts,
 * every case side by side with differing paths highlighted, filters. Every value from the run is
 * escaped (see `html/escape.ts`) and the page runs under a hash-based CSP.
 */
export function renderHtml(run: RunResult): string {
  const { verdict } = verdictOf(run);
  const groups = groupBySuite(run);
  const ordered = groups.flatMap((g) => g.cases);
  const index = ordered.map((c) => ({ id: c.id, status: c.status, api: c.api, tags: c.tags }));
  const apis = apiCounts(ordered);
  const s = run.summary;
  const page = html`<!DOCTYPE html>
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
<h4>Median latency per case</h4>
<div class="charts">${latencyChart(ordered)}</div>
<h2>Accepted differences by rule</h2>
${ruleTable(run, 'accepted', 'accepted-table', 'No difference was accepted by a rule.')}
<h2>Pre-existing contract issues</h2>
${ruleTable(run, 'pre-existing', 'pre-existing-table', 'None: neither side broke the contract in the same way.')}
<h2>Suites</h2>
${suitesSection(run)}
<h2>Token parity</h2>
${tokenSection(run.tokenParity)}
<h2>Throttling advisory</h2>
${throttlingSection(run)}
<h2>Cases</h2>
${filters(ordered)}
<div id="cases">${ordered.map((c, i) => caseView(c, i, run))}</div>
<footer>choreo-parity ${run.harnessVersion} · results schema v${run.schemaVersion} · run ${run.runId}. The complete data is embedded in this file (script#parity-data) and in results.json.</footer>
</main>
<script type="application/json" id="parity-data">${raw(jsonForScript({ index, run: { ...run, suites: [...run.suites].sort((a, b) => byText(a.file, b.file)), cases: ordered } }))}</script>
<script>${raw(clientScript)}</script>
</body>
</html>
`;
  return page.value;
}
