/**
 * The HTML report in real headless Chromium: what people see, what the filters do, and that a
 * hostile response body cannot run. Chromium: Debian's when installed, else the npm-shipped one (test/support/findChromium.ts).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/findChromium';
import type { RunResult } from '../../src/model/result';
import { renderHtml } from '../../src/report/renderHtml';
import { buildPassingRun, buildRun, xssTitle } from './fixtures';
import { reportsRoot } from './paths';

/* The callbacks passed to page.evaluate run in the page. The project compiles without the DOM
   library (Node code must not see `document`), so this file declares the little it uses. */
interface PageElement {
  textContent: string | null;
}
declare const document: { scripts: { length: number }; getElementById(id: string): PageElement | null };
declare function getComputedStyle(element: unknown): { backgroundColor: string; backgroundImage: string };

const screenshots = path.join(reportsRoot, 'screenshots');
const title = 'Contract parity — staging — FAIL';

let browser: Browser;

beforeAll(async () => {
  ({ browser } = await launchChromium());
});

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  /** Console errors/warnings, uncaught page errors, dialogs and any request other than the file itself. */
  problems: string[];
  close: () => Promise<void>;
}

async function openReport(run: RunResult, name: string): Promise<Opened> {
  mkdirSync(screenshots, { recursive: true });
  const file = path.join(screenshots, `${name}.html`);
  writeFileSync(file, renderHtml(run));
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url() !== url) problems.push(`request: ${r.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems, close: () => context.close() };
}

const visibleCases = (page: Page): Promise<string[]> =>
  page.$$eval('section[data-case-index]', (sections) => sections.filter((s) => !(s as unknown as { hidden: boolean }).hidden).map((s) => s.querySelector('.case-name')?.textContent ?? ''));

describe('HTML report in Chromium', () => {
  it('shows the FAIL verdict, the environments and the counts, with no console error', async () => {
    const { page, problems, close } = await openReport(buildRun(), 'parity-report');
    try {
      expect(await page.textContent('#verdict')).toBe('FAIL');
      const banner = (await page.textContent('#banner')) ?? '';
      expect(banner).toContain('API contract parity — staging');
      expect(banner).toContain('Legacy apicloud https://gateway.api.cloud.wso2.com');
      expect(banner).toContain('Candidate choreo https://2d9ec1f6-dev.e1-us-east-azure.choreoapis.dev');
      expect(banner).toContain('1 suite could not be loaded.');
      const count = (id: string) => page.textContent(`#count-${id} .n`);
      expect([await count('total'), await count('passed'), await count('failed'), await count('errors'), await count('regressions'), await count('accepted')]).toEqual(['8', '3', '2', '1', '8', '7']);
      const apiRows = await page.$$eval('#api-table tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
      expect(apiRows).toEqual([
        ['inventory', '1', '1', '0', '0', '0', '0', '0', '0', '0', '1', '1'],
        ['pizzashack', '7', '2', '2', '1', '1', '1', '8', '5', '1', '0', '0'],
      ]);
      expect(await page.$$eval('#accepted-table tbody tr', (rows) => rows.map((r) => r.getAttribute('data-rule')))).toEqual([
        'alias:orderId', 'base-url-rewrite', 'choreo-correlation-header', 'fault-code-mapping', 'token-format', 'token-lifetime',
      ]);
      expect(await page.$$eval('svg.chart', (svgs) => svgs.length)).toBe(2);
      expect(await page.$$eval('svg.chart rect.seg-failed', (r) => r.length)).toBeGreaterThan(0);
      expect(await page.title()).toBe(title);
      await page.screenshot({ path: path.join(screenshots, 'parity-report.png') });
      await page.screenshot({ path: path.join(screenshots, 'parity-report-full.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
    const png = readFileSync(path.join(screenshots, 'parity-report.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(statSync(path.join(screenshots, 'parity-report.png')).size).toBeGreaterThan(20_000);
  });

  it('highlights the differing paths on each side, coloured by disposition', async () => {
    const { page, problems, close } = await openReport(buildRun(), 'highlights');
    try {
      const order = page.locator('section[data-case-index]', { has: page.locator('.case-name', { hasText: /^places an order$/ }) });
      const candidate = order.locator('.side-candidate');
      const legacy = order.locator('.side-legacy');
      const price = candidate.locator('[data-diff-path="$.price"]');
      expect(await price.textContent()).toBe('  "price": 19.5,');
      expect(await price.getAttribute('class')).toContain('hl-regression');
      // The stylesheet is allowed by its CSP hash, so the highlight is really painted.
      expect(await price.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 235, 233)');
      expect(await candidate.locator('[data-diff-path="$.orderId"]').getAttribute('class')).toContain('hl-accepted');
      // `{`, `"name": "Cola"`, `}`: the whole missing element, on the side that has it.
      expect(await legacy.locator('[data-diff-path="$.items[1]"]').allTextContents()).toEqual(['    {', '      "name": "Cola"', '    }']);
      expect(await candidate.locator('[data-diff-path="$.items[1]"]').count()).toBe(0);
      expect(await candidate.locator('tr[data-diff-path="header:content-type"]').getAttribute('class')).toContain('hl-regression');
      expect(await candidate.locator('[data-diff-path="status"]').textContent()).toBe('Status 200');
      const plain = candidate.locator('pre.body').last().locator('.ln[data-path="$.items[0].name"]');
      expect(await plain.getAttribute('class')).toBe('ln');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('filters cases by status, API and tag, and says how many are shown', async () => {
    const { page, problems, close } = await openReport(buildRun(), 'filters');
    try {
      expect(await visibleCases(page)).toHaveLength(8);
      await page.selectOption('#filter-status', 'passed');
      expect(await visibleCases(page)).toEqual(['counts stock', 'lists the menu', 'rejects a missing token']);
      expect(await page.textContent('#filter-count')).toBe('Showing 3 of 8 cases');
      const order = page.locator('section[data-case-index]', { has: page.locator('.case-name', { hasText: /^places an order$/ }) });
      expect(await order.isVisible()).toBe(false);
      await page.selectOption('#filter-api', 'pizzashack');
      expect(await visibleCases(page)).toEqual(['lists the menu', 'rejects a missing token']);
      await page.selectOption('#filter-status', '');
      await page.selectOption('#filter-tag', 'write');
      expect(await visibleCases(page)).toEqual(['deletes an order', 'places an order']);
      await page.selectOption('#filter-api', 'inventory');
      expect(await visibleCases(page)).toEqual([]);
      expect(await page.textContent('#filter-count')).toBe('Showing 0 of 8 cases');
      await page.selectOption('#filter-api', '');
      await page.selectOption('#filter-tag', '');
      await page.click('#collapse-all');
      expect(await page.$$eval('section[data-case-index] > details[open]', (d) => d.length)).toBe(0);
      await page.click('#expand-all');
      expect(await page.$$eval('section[data-case-index] > details[open]', (d) => d.length)).toBe(8);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows a hostile response body as text: no script runs, no dialog opens, the title stays', async () => {
    const { page, problems, close } = await openReport(buildRun(), 'xss');
    try {
      await page.click('#expand-all');
      expect(await page.title()).toBe(title);
      expect(await page.evaluate(() => document.scripts.length)).toBe(2);
      expect(await page.$$eval('a, iframe, img, textarea', (els) => els.length)).toBe(0);
      const drift = page.locator('section[data-case-index]', { has: page.locator('.case-name', { hasText: 'menu drift <b>&</b>' }) });
      const shown = await drift.locator('.side-candidate pre.body').first().textContent();
      expect(shown).toContain(`${xssTitle}</textarea></script><a href="javascript:alert(1)">x</a>`);
      // The embedded data survives the escaping exactly, U+2028 and all.
      const body = await page.evaluate(() => {
        const data = JSON.parse(document.getElementById('parity-data')!.textContent!) as { run: RunResult };
        return data.run.cases.find((c) => c.name.startsWith('menu drift'))!.steps[1]!.candidate.response!.body.json;
      });
      expect(body).toEqual({ special: `${xssTitle}</script>\u2028\u2029`, link: 'javascript:alert(document.domain)' });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows a green PASS banner for a passing run', async () => {
    const { page, problems, close } = await openReport(buildPassingRun(), 'passing');
    try {
      expect(await page.textContent('#verdict')).toBe('PASS');
      expect(await page.title()).toBe('Contract parity — staging — PASS');
      expect(await page.$eval('#banner', (el) => getComputedStyle(el).backgroundImage)).toContain('rgb(26, 127, 55)');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
