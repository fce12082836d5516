import { formatHarnessError } from '../../errors';
import type { CaseResult, Difference, Disposition, Exchange, HarnessErrorInfo, RunResult, StepResult, TargetName } from '../../model/result';
import { caseErrorOf, caseFacts } from '../caseFacts';
import { buildCurl } from '../curl';
import { displayValue, formatValue } from '../describeDifference';
import { bodyHighlights, bodyView, type Highlight } from './bodyView';
import { html, type Html } from './escape';

const sideLabel: Record<TargetName, string> = { legacy: 'Legacy', candidate: 'Candidate' };
const severity: Record<Disposition, number> = { regression: 5, 'both-fail': 5, 'pre-existing': 4, improvement: 3, accepted: 2, noise: 1 };

export function errorBox(info: HarnessErrorInfo, title = 'Harness error'): Html {
  return html`<div class="error-box"><strong>${title}: ${info.name}</strong><pre>${formatHarnessError(info)}</pre></div>`;
}

function worst(differences: readonly Difference[], match: (d: Difference) => boolean): Difference | undefined {
  return differences.filter(match).sort((a, b) => severity[b.disposition] - severity[a.disposition])[0];
}

function headerTable(headers: Record<string, string>, differences: readonly Difference[]): Html {
  const names = Object.keys(headers).sort();
  if (names.length === 0) return html`<p class="muted">(no headers)</p>`;
  const rows = names.map((name) => {
    const d = worst(differences, (x) => x.path.toLowerCase() === `header:${name}`);
    return d
      ? html`<tr class="hl hl-${d.disposition}" data-diff-path="${d.path}" title="${d.disposition}${d.rule ? ` (${d.rule})` : ''}"><th>${name}</th><td>${headers[name] ?? ''}</td></tr>`
      : html`<tr><th>${name}</th><td>${headers[name] ?? ''}</td></tr>`;
  });
  return html`<table class="headers">${rows}</table>`;
}

function sideView(exchange: Exchange, step: StepResult, run: RunResult): Html {
  const target = run.environment.targets[exchange.target];
  const source = exchange.source === 'live' ? 'live' : `baseline ${exchange.source.baseline}`;
  const retries = exchange.retries.length > 0
    ? html`<ul class="retries">${exchange.retries.map((r) => html`<li>retry ${r.attempt}: ${r.reason}${r.status ? ` (${r.status})` : ''}, waited ${r.waitedMs} ms — ${r.detail}</li>`)}</ul>`
    : '';
  const requestBody = exchange.request.body && exchange.request.body.kind !== 'empty' ? html`<h6>Request body</h6>${bodyView(exchange.request.body, [])}` : '';
  const request = html`<details class="request"><summary>Request headers &amp; body</summary>${headerTable(exchange.request.headers, [])}${requestBody}</details>`;
  const curl = html`<div class="curl"><span class="muted">reproduce</span><pre>${buildCurl(exchange.request, exchange.target, { insecure: !target.tlsVerify })}</pre></div>`;
  let response: Html;
  if (exchange.response) {
    const statusDiff = worst(step.differences, (d) => d.path === 'status');
    const status = statusDiff
      ? html`<p class="status hl hl-${statusDiff.disposition}" data-diff-path="status">Status <strong>${exchange.response.status}</strong></p>`
      : html`<p class="status">Status <strong>${exchange.response.status}</strong></p>`;
    const highlights: Highlight[] = bodyHighlights(step.differences, exchange.target);
    response = html`${status}${headerTable(exchange.response.headers, step.differences)}${bodyView(exchange.response.body, highlights)}`;
  } else {
    response = exchange.error ? errorBox(exchange.error, 'No response') : html`<p class="muted">(no response recorded)</p>`;
  }
  return html`<div class="side side-${exchange.target}">
<h5>${sideLabel[exchange.target]} <span class="muted">${target.profile} · ${source} · ${exchange.durationMs} ms</span></h5>
<p class="reqline"><code>${exchange.request.method} ${exchange.request.url}</code></p>
${retries}${request}${curl}${response}
</div>`;
}

function differencesTable(result: CaseResult): Html {
  const rows = result.steps.flatMap((step) =>
    step.differences.map(
      (d) => html`<tr class="row-${d.disposition}"><td>${step.index + 1}</td><td>${d.area}</td><td class="wrap"><code>${d.path}</code></td><td>${d.kind}</td><td class="wrap"><code>${displayValue(d, 'legacy')}</code></td><td class="wrap"><code>${displayValue(d, 'candidate')}</code></td><td><span class="disp disp-${d.disposition}">${d.disposition}</span></td><td class="wrap">${d.rule ? html`<code>${d.rule}</code>` : ''}${d.reason ? html`<div class="muted">${d.reason}</div>` : ''}</td></tr>`,
    ),
  );
  // What a step found beyond the differences it lists: one row per disposition, rule and path pattern, with its count.
  const unlisted = result.steps.flatMap((step) =>
    (step.unlisted ?? []).map(
      (u) => html`<tr class="row-${u.disposition} unlisted"><td>${step.index + 1}</td><td>${u.area}</td><td class="wrap"><code>${u.pattern}</code></td><td>${u.kind}</td><td class="muted" colspan="2">×${u.count.toLocaleString('en-US')} more, counted but not listed</td><td><span class="disp disp-${u.disposition}">${u.disposition}</span></td><td class="wrap">${u.rule ? html`<code>${u.rule}</code>` : ''}</td></tr>`,
    ),
  );
  if (rows.length === 0 && unlisted.length === 0) return html``;
  return html`<table class="diffs fixed"><colgroup><col class="c-n"><col class="c-area"><col class="c-path"><col><col><col class="c-disp"><col class="c-rule"></colgroup><thead><tr><th>Step</th><th>Area</th><th>Path</th><th>Kind</th><th>Legacy</th><th>Candidate</th><th>Disposition</th><th>Rule / reason</th></tr></thead><tbody>${rows}${unlisted}</tbody></table>`;
}

function stepView(step: StepResult, run: RunResult): Html {
  const failing = step.expectations.filter((e) => !e.ok);
  const expectations = failing.length > 0
    ? html`<ul class="expectations">${failing.map((e) => html`<li>${e.target}: ${e.check} expected <code>${formatValue(e.expected, 200)}</code>, got <code>${formatValue(e.actual, 200)}</code></li>`)}</ul>`
    : '';
  const notes = step.notes.length > 0
    ? html`<details class="notes"><summary>Normalization (${step.notes.length})</summary><ul>${step.notes.map((n) => html`<li>${n.target}: <code>${n.rule}</code> at <code>${n.path}</code> — ${n.detail}</li>`)}</ul></details>`
    : '';
  const repeat = step.legacyRepeat ? html`<p class="muted">Noise baseline: the legacy side was called twice; paths where it disagreed with itself are marked noise.</p>` : '';
  return html`<div class="step"><h4>Step ${step.index + 1}: ${step.name}</h4>${expectations}${repeat}<div class="sides">${sideView(step.legacy, step, run)}${sideView(step.candidate, step, run)}</div>${notes}</div>`;
}

/** Steps after a failed or broken one, listed with the reason they were not run. */
function notRunView(result: CaseResult): Html | string {
  if (!result.notRun?.length) return '';
  return html`<ul class="not-run">${result.notRun.map((n) => html`<li>Step ${n.index + 1}: ${n.name} — not run: ${n.reason}</li>`)}</ul>`;
}

const ms = (value: number | null): string => (value === null ? '–' : `${Math.round(value)} ms`);

/** One case: a collapsible header (status, name, API, tags, latency) and, inside, every step side by side. */
export function caseView(result: CaseResult, index: number, run: RunResult): Html {
  // The case's section id lets "What broke" and the case list point at it.
  const facts = caseFacts(result, run);
  const error = caseErrorOf(result);
  const open = result.status === 'failed' || result.status === 'error' || result.status === 'interrupted';
  const accepted = facts.acceptedByRule.length > 0
    ? html`<p class="accepted-rules">Accepted: ${facts.acceptedByRule.map(([rule, count]) => html`<span class="chip chip-accepted">${rule} ×${count}</span>`)}</p>`
    : '';
  const interrupted = result.status === 'interrupted' && !error ? html`<div class="error-box"><strong>Interrupted</strong><pre>The run was interrupted before this case finished.</pre></div>` : '';
  const body = html`<p class="case-id muted">${result.id} · ${result.steps.length} step(s) · ${(result.durationMs / 1000).toFixed(3)} s · retries: legacy ${facts.retries.legacy}, candidate ${facts.retries.candidate}</p>
${error ? errorBox(error) : ''}${interrupted}${accepted}${differencesTable(result)}${result.steps.map((s) => stepView(s, run))}${notRunView(result)}`;
  return html`<section class="case case-${result.status}" id="case-${index}" data-case-index="${index}" data-status="${result.status}">
<details${open ? html` open` : ''}><summary><span class="badge badge-${result.status}">${result.status}</span> <span class="case-name">${result.name}</span> <span class="api">${result.api}</span>${result.tags.map((t) => html` <span class="chip">${t}</span>`)} <span class="lat">legacy ${ms(result.latency.legacyMs)} · candidate ${ms(result.latency.candidateMs)}</span></summary>
<div class="case-body">${body}</div></details>
</section>`;
}

