import { escapeControlChars } from '../shared/escapeControlChars';

/**
 * Markdown that pastes cleanly into GitHub and Jira: plain pipe tables, no HTML. Text is
 * backslash-escaped (so `<script>` stays text and `|` cannot split a cell); values go in code
 * spans, where only `|` needs escaping in a table. Control characters (a gateway's escape
 * sequences) are written as visible escapes in both.
 */
export function mdText(text: string): string {
  return escapeControlChars(text.replace(/\r?\n|\r|\u2028|\u2029/g, ' ')).replace(/[\\`*_[\]<>|~&#]/g, '\\$&');
}

export function mdCode(text: string, max = 80): string {
  let value = escapeControlChars(text.replace(/\r?\n|\r|\u2028|\u2029/g, ' '));
  if (value.length > max) value = `${value.slice(0, max - 1)}…`;
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || value === '' ? ' ' : '';
  return `${fence}${pad}${value.replace(/\|/g, '\\|')}${pad}${fence}`;
}

export function mdTable(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}
