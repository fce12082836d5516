export type Verdict = 'PASS' | 'MISS' | 'info' | 'n/a';

export interface BenchRow {
  figure: string;
  measured: string;
  baseline: string;
  ratio: string;
  target: string;
  verdict: Verdict;
}

const columns: Array<{ key: keyof BenchRow; title: string }> = [
  { key: 'figure', title: 'figure' },
  { key: 'measured', title: 'measured' },
  { key: 'baseline', title: 'baseline' },
  { key: 'ratio', title: 'ratio' },
  { key: 'target', title: 'target' },
  { key: 'verdict', title: 'PASS/MISS' },
];

/** A plain-text table (also valid Markdown), padded for a terminal. */
export function renderTable(rows: readonly BenchRow[]): string {
  const widths = columns.map(({ key, title }) => Math.max(title.length, ...rows.map((row) => row[key].length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(columns.map((c) => c.title)),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map((row) => line(columns.map((c) => row[c.key]))),
  ].join('\n');
}
