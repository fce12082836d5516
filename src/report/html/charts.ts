import type { CaseStatus } from '../../model/result';
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

