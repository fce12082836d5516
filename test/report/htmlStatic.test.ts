import { createHash } from 'node:crypto';
import { escapeHtml, html, jsonForScript } from '../../src/report/html/escape';
import { htmlContentSecurityPolicy, renderHtml } from '../../src/report/renderHtml';
import { buildPassingRun, buildRun, inReportOrder, xssTitle } from './fixtures';

const run = buildRun();
let page: string;
beforeAll(async () => {
  page = await renderHtml(run);
});

function between(text: string, start: string, end: string): string {
  const i = text.indexOf(start);
  if (i < 0) throw new Error(`"${start}" not found`);
  const j = text.indexOf(end, i + start.length);
  return text.slice(i + start.length, j);
}

/** Where two long strings first differ, with context; undefined when equal (keeps failure output short). */
export function firstDifference(a: string, b: string): string | undefined {
  if (a === b) return undefined;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return `at ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 60), i + 60))} vs ${JSON.stringify(b.slice(Math.max(0, i - 60), i + 60))}`;
}

const sha = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('HTML report (as text)', () => {
  it('declares a CSP before any script or style, allowing exactly its own inline script and style by hash', () => {
    const head = between(page, '<head>', '</head>');
    expect(head.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(head.indexOf('<style>'));
    expect(page).toContain(`content="${htmlContentSecurityPolicy}"`);
    const script = between(page, '<script>', '</script>');
    const style = between(page, '<style>', '</style>');
    expect(htmlContentSecurityPolicy).toBe(`default-src 'none'; script-src ${sha(script)}; style-src ${sha(style)}; img-src data:; base-uri 'none'; form-action 'none'`);
  });

  it('holds only markup it wrote: no src, href, event handler or style attribute, no link, img, iframe or CSS url()', () => {
    // Text from responses is escaped, so every "<name" left in the file is a tag this module wrote.
    const tags = [...page.matchAll(/<([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)];
    const names = new Set(tags.map((t) => t[1]!.toLowerCase()));
    for (const banned of ['a', 'link', 'img', 'iframe', 'object', 'embed', 'base', 'form', 'textarea']) expect(names.has(banned)).toBe(false);
    // The one input is the name filter's search box, outside any form.
    expect(tags.filter((t) => t[1]!.toLowerCase() === 'input').map((t) => t[2])).toEqual([' id="filter-text" type="search" placeholder="part of a case name"']);
    const attributes = tags.flatMap((t) => [...t[2]!.matchAll(/\s([a-zA-Z-:]+)=/g)].map((m) => m[1]!.toLowerCase()));
    expect(attributes.filter((a) => a === 'src' || a === 'href' || a === 'style' || a === 'srcset' || a.startsWith('on'))).toEqual([]);
    expect(tags.filter((t) => t[1] === 'script')).toHaveLength(2);
    expect(between(page, '<style>', '</style>')).not.toMatch(/url\(|@import/);
  });

  it('never lets response content form markup: <script>, </textarea> and javascript: URLs arrive as text', () => {
    expect(page).not.toContain(xssTitle);
    expect(page).not.toContain('</textarea>');
    expect(page).not.toContain('<a ');
    expect(page).toContain('&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;');
    expect(page).not.toContain('\u0001');
    // The case name "menu drift <b>&</b>" is text too.
    expect(page).toContain('menu drift &lt;b&gt;&amp;&lt;/b&gt;');
  });

  it('embeds one compact row per case (not the exchanges) with <, >, &, U+2028 and U+2029 escaped', () => {
    const block = between(page, '<script type="application/json" id="parity-cases">', '</script>');
    expect(block).not.toMatch(/[<>&\u2028\u2029]/);
    const data = JSON.parse(block) as { rows: Array<[number, number, string]>; statuses: string[] };
    const ordered = inReportOrder(run).cases;
    expect(data.rows.map((r) => r[2])).toEqual(ordered.map((c) => c.name));
    expect(data.rows.map((r) => data.statuses[r[0]])).toEqual(ordered.map((c) => c.status));
    expect(block).not.toContain('Margherita');
  });

  it('leads with what broke: one line per regression and each harness error, before the overview', () => {
    const broke = between(page, '<section id="what-broke"', '</section>');
    expect(page.indexOf('id="what-broke"')).toBeLessThan(page.indexOf('<h2>Overview</h2>'));
    const regressions = run.cases.flatMap((c) => c.steps.flatMap((s) => s.differences.filter((d) => d.disposition === 'regression')));
    expect(broke.match(/<tr class="row-regression"/g)).toHaveLength(regressions.length);
    expect(broke).toContain('Harness errors');
    expect(broke).toContain('orders-admin.yaml');
  });

  it('shows passing cases as summary rows only, failing cases in full', () => {
    const details = between(page, '<div id="cases">', '<h2>All cases</h2>');
    const failing = run.cases.filter((c) => c.status === 'failed' || c.status === 'error' || c.status === 'interrupted');
    expect(details.match(/<section class="case /g)).toHaveLength(failing.length);
    expect(details).not.toContain('class="case case-passed"');
  });

  it('never shows an internal placeholder or [] for an absent value', () => {
    expect(page).not.toMatch(/\{\{alias:|\{\{base\}\}/);
    expect(page).not.toMatch(/<code>\[\]<\/code>/);
  });

  it('shows PASS or FAIL with the environment in the title and banner', async () => {
    expect(between(page, '<title>', '</title>')).toBe('Contract parity — staging — FAIL');
    expect(between(await renderHtml(buildPassingRun()), '<div class="verdict" id="verdict">', '</div>')).toBe('PASS');
  });

  it('renders the same bytes whatever order the engine recorded cases and suites in', async () => {
    expect(firstDifference(await renderHtml({ ...run, cases: [...run.cases].reverse(), suites: [...run.suites].reverse() }), page)).toBeUndefined();
  });

  it('escapes every interpolated value in templates, and quotes, and illegal control characters', () => {
    expect(escapeHtml(`"'<>&\u0000`)).toBe('&quot;&#39;&lt;&gt;&amp;\\u0000');
    expect(html`<p title="${'" onmouseover="x'}">${'<b>'}</p>`.value).toBe('<p title="&quot; onmouseover=&quot;x">&lt;b&gt;</p>');
    expect(jsonForScript({ a: '</script><!--\u2028&' })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--\\u2028\\u0026"}');
  });
});

describe('HTML report robustness', () => {
  it('renders a hostile, deeply nested JSON body without overflowing the stack', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 2_000; i += 1) deep = [deep];
    const base = buildRun();
    const [first, ...rest] = base.cases;
    const step = first!.steps[0]!;
    const nested = { ...first!, steps: [{ ...step, candidate: { ...step.candidate, response: { ...step.candidate.response!, body: { kind: 'json' as const, bytes: 10_000, json: deep } } } }] };
    const page = await renderHtml({ ...base, cases: [{ ...nested, status: 'failed' as const }, ...rest] });
    expect(page).toContain('[[[[[[');
    expect(page.length).toBeGreaterThan(10_000);
  });
});
