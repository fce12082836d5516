/**
 * Proof that the browser tests pass on a machine with Node and nothing else: the Chromium shipped
 * inside the `@sparticuz/chromium` npm package (never Debian's, even where Debian's is installed)
 * opens the HTML report, runs its script and lays it out with the package's own fonts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { renderHtml } from '../../src/report/renderHtml';
import { findChromium, launchChromium, type FoundChromium } from '../support/findChromium';
import { buildRun } from './fixtures';
import { reportsRoot } from './paths';

declare const document: { title: string; scripts: { length: number }; fonts: { check(font: string): boolean } };

let browser: Browser;
let found: FoundChromium;

beforeAll(async () => {
  ({ browser, found } = await launchChromium({}, 'bundled'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('the npm-shipped Chromium', () => {
  it('is the one unpacked from the npm package, not a system browser', async () => {
    expect(found.source).toBe('npm');
    expect(found.executablePath).toContain(path.join('node_modules', '.cache', 'parity-chromium'));
    expect(found.executablePath.startsWith('/usr/')).toBe(false);
    // A second lookup reuses the unpacked copy.
    expect((await findChromium('bundled')).executablePath).toBe(found.executablePath);
  });

  it('opens the HTML report from disk and runs its script', async () => {
    const dir = path.join(reportsRoot, 'screenshots');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'bundled-chromium.html');
    writeFileSync(file, renderHtml(buildRun()));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(file).href);
    expect(await page.evaluate(() => document.title)).toBe('Contract parity — staging — FAIL');
    expect(await page.evaluate(() => document.scripts.length)).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.fonts.check('12px "Open Sans"'))).toBe(true);
    expect(errors).toEqual([]);
    await page.screenshot({ path: path.join(dir, 'bundled-chromium.png') });
    await page.close();
  });
});
