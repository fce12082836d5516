import { formatHarnessError } from '../../errors';
import type { SuiteInfo, TokenParityResult } from '../../model/result';
import type { CaseDigest } from '../caseDigest';
import { displayValue } from '../describeDifference';
import { html, type Html } from './escape';

/** Lines of "What broke" shown before the rest is summarised: enough to act on, never 22,800. */
const maxBrokeLines = 200;

export interface BrokeLine {
  caseName: string;
  caseIndex: number;
  step: string;
  path: string;
  legacy: string;
  candidate: string;
  check: string;
}

/** Collects the regressions and harness errors of the cases given, capped, counting the rest. */
export class WhatBroke {
  readonly lines: BrokeLine[] = [];
  readonly errors: Array<{ where: string; caseIndex?: number; name: string; message: string }> = [];
  regressions = 0;
  /** Regressions beyond what the digests sampled (a case with more than 20). */
  unlisted = 0;

  /** From the digest alone: its regression samples, its count, and its error. */
  add(digest: CaseDigest, caseIndex: number): void {
    const count = digest.rules.filter((r) => r.key.startsWith('regression:')).reduce((n, r) => n + r.count, 0);
    this.regressions += count;
    for (const r of digest.regressions) {
      if (this.lines.length >= maxBrokeLines) break;
      this.lines.push({ caseName: digest.name, caseIndex, step: `${r.step}. ${r.stepName}`, path: r.path, legacy: r.legacy, candidate: r.candidate, check: r.rule ?? `${r.area} ${r.kind}` });
    }
    this.unlisted += count - Math.min(count, digest.regressions.length);
    if (digest.status === 'error' || digest.status === 'interrupted') {
      const result = digest;
      const info = digest.shownError;
      this.errors.push({
        where: result.name,
        caseIndex,
        name: result.status === 'interrupted' ? 'Interrupted' : (info?.name ?? 'Error'),
        message: info ? formatHarnessError(info) : 'The run was interrupted before this case finished.',
      });
    }
  }

  addSuite(suite: SuiteInfo): void {
    if (suite.error) this.errors.push({ where: `suite ${suite.file}`, name: suite.error.name, message: formatHarnessError(suite.error) });
  }

  addTokenParity(parity: TokenParityResult | undefined): void {
    if (!parity) return;
    for (const d of parity.findings) {
      if (d.disposition !== 'regression') continue;
      this.regressions += 1;
      if (this.lines.length < maxBrokeLines) this.lines.push({ caseName: 'token parity', caseIndex: -1, step: '', path: d.path, legacy: displayValue(d, 'legacy'), candidate: displayValue(d, 'candidate'), check: d.rule ?? `${d.area} ${d.kind}` });
    }
    if (parity.error) this.errors.push({ where: 'token parity', name: parity.error.name, message: formatHarnessError(parity.error) });
  }

  render(): Html {
    const rows = this.lines.map(
      (l) => html`<tr class="row-regression"${l.caseIndex >= 0 ? html` data-case-ref="${l.caseIndex}"` : ''}><td class="wrap">${l.caseName}</td><td class="wrap">${l.step}</td><td class="wrap"><code>${l.path}</code></td><td class="wrap"><code>${l.legacy}</code> → <code>${l.candidate}</code></td><td class="wrap">${l.check}</td></tr>`,
    );
    const more = this.regressions > this.lines.length ? html`<p class="muted" id="broke-more">… and ${this.regressions - this.lines.length} more regressions; each case below lists its own (a step with very many lists the first ones and counts the rest by path pattern).</p>` : '';
    const regressions = this.regressions === 0
      ? html`<p class="muted" id="broke-none">No regression.</p>`
      : html`<table class="fixed" id="broke-table"><colgroup><col class="c-case"><col class="c-step"><col class="c-path"><col class="c-values"><col class="c-check"></colgroup><thead><tr><th>Case</th><th>Step</th><th>Path</th><th>Legacy → candidate</th><th>Check or rule</th></tr></thead><tbody>${rows}</tbody></table>${more}`;
    const errors = this.errors.length === 0
      ? ''
      : html`<h3>Harness errors (${this.errors.length})</h3><table class="fixed" id="broke-errors"><colgroup><col class="c-case"><col class="c-step"><col></colgroup><thead><tr><th>Where</th><th>Error</th><th>Message</th></tr></thead><tbody>${this.errors.slice(0, maxBrokeLines).map((e) => html`<tr class="row-error"><td class="wrap">${e.where}</td><td>${e.name}</td><td class="wrap"><pre>${e.message}</pre></td></tr>`)}</tbody></table>${this.errors.length > maxBrokeLines ? html`<p class="muted">… and ${this.errors.length - maxBrokeLines} more harness errors below.</p>` : ''}`;
    return html`<section id="what-broke" class="what-broke"><h2>What broke (${this.regressions} regression${this.regressions === 1 ? '' : 's'}, ${this.errors.length} harness error${this.errors.length === 1 ? '' : 's'})</h2>${regressions}${errors}</section>`;
  }
}
