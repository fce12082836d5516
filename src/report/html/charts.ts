import type { CaseResult, CaseStatus } from '../../model/result';
import { html, type Html } from './escape';

export const statusOrder: readonly CaseStatus[] = ['passed', 'failed', 'error', 'interrupted', 'skipped'];

const truncate = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const round1 = (n: number): string => (Math.round(n * 10) / 10).toString();

export interface ApiCounts {
  api: string;
  byStatus: Record<CaseStatus, number>;
  total: number;
}

/** Pass/fail per API as horizontal stacked bars, one row per API. */
export function statusChart(apis: readonly ApiCounts[]): Html {
  const labelWidth = 160;
  const barWidth = 440;
  const row = 30;
  const height = Math.max(1, apis.length) * row + 34;
  const max = Math.max(1, ...apis.map((a) => a.total));
  const rows = apis.map((a, i) => {
    let x = labelWidth;
    const y = 8 + i * row;
    const segments = statusOrder
      .filter((s) => a.byStatus[s] > 0)
      .map((s) => {
        const w = (a.byStatus[s] / max) * barWidth;
        const rect = html`<rect class="seg seg-${s}" x="${round1(x)}" y="${y}" width="${round1(w)}" height="20"><title>${a.api}: ${a.byStatus[s]} ${s}</title></rect>`;
        x += w;
        return rect;
      });
    return html`<text class="label" x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${truncate(a.api, 22)}</text>${segments}<text class="value" x="${round1(x + 6)}" y="${y + 15}">${a.byStatus.passed}/${a.total} passed</text>`;
  });
  const legendY = height - 12;
  const legend = statusOrder.map((s, i) => html`<rect class="seg seg-${s}" x="${labelWidth + i * 92}" y="${legendY - 10}" width="12" height="12"/><text class="legend" x="${labelWidth + i * 92 + 16}" y="${legendY}">${s}</text>`);
  return html`<svg class="chart" role="img" aria-label="Cases per API by status" viewBox="0 0 ${labelWidth + barWidth + 120} ${height}" width="${labelWidth + barWidth + 120}" height="${height}">${rows}${legend}</svg>`;
}

/** Median latency per case, legacy and candidate side by side (ms). Cases without numbers are left out. */
export function latencyChart(cases: readonly CaseResult[]): Html {
  const measured = cases.filter((c) => c.latency.legacyMs !== null || c.latency.candidateMs !== null);
  if (measured.length === 0) return html`<p class="muted">No latency was measured.</p>`;
  const labelWidth = 220;
  const barWidth = 380;
  const group = 30;
  const height = measured.length * group + 36;
  const max = Math.max(1, ...measured.flatMap((c) => [c.latency.legacyMs ?? 0, c.latency.candidateMs ?? 0]));
  const bar = (value: number | null, y: number, cls: string, name: string): Html => {
    if (value === null) return html`<text class="value muted" x="${labelWidth + 4}" y="${y + 10}">n/a</text>`;
    const w = Math.max(1, (value / max) * barWidth);
    return html`<rect class="${cls}" x="${labelWidth}" y="${y}" width="${round1(w)}" height="11"><title>${name}: ${round1(value)} ms</title></rect><text class="value" x="${round1(labelWidth + w + 4)}" y="${y + 10}">${round1(value)} ms</text>`;
  };
  const rows = measured.map((c, i) => {
    const y = 6 + i * group;
    return html`<text class="label" x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${truncate(c.name, 32)}</text>${bar(c.latency.legacyMs, y, 'lat-legacy', `${c.name} legacy`)}${bar(c.latency.candidateMs, y + 12, 'lat-candidate', `${c.name} candidate`)}`;
  });
  const ly = height - 12;
  const legend = html`<rect class="lat-legacy" x="${labelWidth}" y="${ly - 10}" width="12" height="12"/><text class="legend" x="${labelWidth + 16}" y="${ly}">legacy</text><rect class="lat-candidate" x="${labelWidth + 90}" y="${ly - 10}" width="12" height="12"/><text class="legend" x="${labelWidth + 106}" y="${ly}">candidate</text>`;
  return html`<svg class="chart" role="img" aria-label="Median latency per case, legacy vs candidate" viewBox="0 0 ${labelWidth + barWidth + 90} ${height}" width="${labelWidth + barWidth + 90}" height="${height}">${rows}${legend}</svg>`;
}
