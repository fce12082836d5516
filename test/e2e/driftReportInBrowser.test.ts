/**
 * The HTML report of a REAL drift run (the sandbox's candidate answers a menu item whose
 * description is `<script>document.title='pwned'</script>`), opened in headless Chromium.
 */
import { mkdirSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../support/findChromium';
import { reportsRoot } from '../report/paths';
import { makeProject, runInProject } from './helpers';

interface PageElement {
  textContent: string | null;
}
declare const document: { title: string; scripts: { length: number }; body: PageElement };


describe('the HTML report of a drift run', () => {
  let project: ReturnType<typeof makeProject>;
  beforeEach(() => {
    project = makeProject();
  });
  afterEach(() => project.cleanup());

  it('shows the hostile response body as text and leaves the page title unchanged', async () => {
    const run = await runInProject(project.root, { sandbox: { drift: true }, files: [path.join(project.root, 'suites', 'menu.yaml')] });
    expect(run.cases.some((c) => c.status === 'failed')).toBe(true);
    const file = path.join(project.root, 'reports', 'parity-report.html');
    const { browser } = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await page.goto(pathToFileURL(file).href);
      const before = await page.evaluate(() => document.title);
      await page.waitForTimeout(200);
      const after = await page.evaluate(() => document.title);
      expect(after).toBe(before);
      expect(after).not.toContain('pwned');
      expect(await page.evaluate(() => document.body.textContent ?? '')).toContain("<script>document.title='pwned'</script>");
      expect(problems).toEqual([]);
      mkdirSync(path.join(reportsRoot, 'screenshots'), { recursive: true });
      await page.screenshot({ path: path.join(reportsRoot, 'screenshots', 'drift-report.png'), fullPage: false });
      copyFileSync(file, path.join(reportsRoot, 'screenshots', 'drift-report.html'));
    } finally {
      await browser.close();
    }
  });
});
