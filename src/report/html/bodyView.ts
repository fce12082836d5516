import { formatJsonPath, isRecord, type PathKey } from '../../model/jsonPath';
import type { Difference, Disposition, RecordedBody, TargetName } from '../../model/result';
import { hashScope, maxBodyChars } from '../exchangeText';
import { html, type Html } from './escape';

/** Which disposition wins when several differences touch one line: the one people must see. */
const severity: Record<Disposition, number> = { regression: 5, 'both-fail': 5, 'pre-existing': 4, improvement: 3, accepted: 2, noise: 1 };

/** Lines of pretty-printed JSON shown per body; results.json keeps the rest. */
const maxBodyLines = 2_000;

/** Below this nesting a subtree is printed on one line: real bodies nest a few dozen levels, hostile ones thousands. */
const maxPrettyDepth = 64;

export interface Highlight {
  path: string;
  disposition: Disposition;
  label: string;
}

/** The body differences that belong on one side: a value only the other side has is not shown here. */
export function bodyHighlights(differences: readonly Difference[], side: TargetName): Highlight[] {
  return differences
    .filter((d) => d.path.startsWith('$'))
    .filter((d) => (side === 'legacy' ? d.kind !== 'extra' : d.kind !== 'missing'))
    .map((d) => ({ path: d.path, disposition: d.disposition, label: `${d.path}: ${d.kind}, ${d.disposition}${d.rule ? ` (${d.rule})` : ''}` }));
}

function covers(pattern: string, path: string): boolean {
  return path === pattern || path.startsWith(`${pattern}.`) || path.startsWith(`${pattern}[`) || pattern === '$';
}

/** The strongest highlight covering `path`, if any. */
function strongest(highlights: readonly Highlight[], path: string): Highlight | undefined {
  let best: Highlight | undefined;
  for (const h of highlights) if (covers(h.path, path) && (!best || severity[h.disposition] > severity[best.disposition])) best = h;
  return best;
}

function compact(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '(too deeply nested to show; see results.json)';
  }
}

interface Line {
  text: string;
  path: string;
}

/** Lines are produced only up to one past the cap: a 10 MiB body costs no more than the lines shown. */
function jsonLines(value: unknown, path: PathKey[], indent: string, prefix: string, comma: string, out: Line[]): void {
  if (out.length > maxBodyLines) return;
  const at = formatJsonPath(path);
  const entries: Array<[PathKey, unknown, string]> = Array.isArray(value)
    ? value.map((item, i) => [i, item, ''])
    : isRecord(value)
      ? Object.entries(value).map(([k, item]) => [k, item, `${JSON.stringify(k)}: `])
      : [];
  if ((!Array.isArray(value) && !isRecord(value)) || path.length >= maxPrettyDepth) {
    out.push({ text: `${indent}${prefix}${compact(value)}${comma}`, path: at });
    return;
  }
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    out.push({ text: `${indent}${prefix}${open}${close}${comma}`, path: at });
    return;
  }
  out.push({ text: `${indent}${prefix}${open}`, path: at });
  for (let i = 0; i < entries.length && out.length <= maxBodyLines; i += 1) {
    const [key, item, keyText] = entries[i]!;
    jsonLines(item, [...path, key], `${indent}  `, keyText, i < entries.length - 1 ? ',' : '', out);
  }
  out.push({ text: `${indent}${close}${comma}`, path: at });
}

function renderLines(lines: readonly Line[], highlights: readonly Highlight[]): Html {
  const shown = lines.slice(0, maxBodyLines).map((line) => {
    const h = strongest(highlights, line.path);
    return h
      ? html`<span class="ln hl hl-${h.disposition}" data-path="${line.path}" data-diff-path="${h.path}" title="${h.label}">${line.text}</span>\n`
      : html`<span class="ln" data-path="${line.path}">${line.text}</span>\n`;
  });
  const more = lines.length > maxBodyLines ? html`<span class="ln more">… more lines in results.json</span>\n` : '';
  return html`${shown}${more}`;
}

/** A recorded body, escaped, with the lines under a differing path highlighted by disposition. */
export function bodyView(body: RecordedBody | undefined, highlights: readonly Highlight[]): Html {
  if (!body || body.kind === 'empty') return html`<p class="muted">(empty body)</p>`;
  if (body.kind === 'binary') return html`<p class="muted">(binary, ${body.bytes} bytes, sha256 <code>${body.sha256 ?? 'unknown'}</code>)</p>`;
  const notes: string[] = [];
  if (body.parseError) notes.push(`not valid JSON: ${body.parseError}`);
  if (body.truncated) notes.push(`truncated when recorded (${hashScope(body)} ${body.sha256 ?? 'unknown'})`);
  const noteHtml = notes.length > 0 ? html`<p class="note">${notes.join('; ')}</p>` : '';
  if (body.kind === 'json' && body.json !== undefined) {
    const lines: Line[] = [];
    jsonLines(body.json, [], '', '', '', lines);
    return html`${noteHtml}<pre class="body">${renderLines(lines, highlights)}</pre>`;
  }
  const text = body.text ?? '';
  const whole = highlights.find((h) => h.path === '$');
  const cut = text.length > maxBodyChars ? text.slice(0, maxBodyChars) : text;
  const more = text.length > maxBodyChars ? html`\n<span class="more">… ${text.length - maxBodyChars} more characters in results.json</span>` : '';
  const cls = whole ? ` hl hl-${whole.disposition}` : '';
  const data = whole ? html` data-diff-path="$" title="${whole.label}"` : '';
  return html`${noteHtml}<pre class="body${cls}"${data}>${cut}${more}</pre>`;
}
