import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseResult } from '../../src/model/result';
import { readRunHeader } from '../../src/report/readResultsDir';
import { summarize } from '../../src/report/summarize';
import { writeReports, writeStreamedReports } from '../../src/report/writeReports';
import { buildRun, caseResult, diff, exchange, jsonBody, menuSuite, step } from './fixtures';
import { scratchDir } from './paths';

const repoRoot = path.resolve(__dirname, '..', '..');
const count = 3_000;

function manyCases(): CaseResult[] {
  return Array.from({ length: count }, (_, i) => {
    const failed = i % 500 === 7;
    return caseResult(menuSuite, `api-${i % 5}`, `case ${String(i).padStart(5, '0')}`, {
      status: failed ? 'failed' : 'passed',
      steps: [step('GET /menu', exchange('legacy', { body: jsonBody({ i, price: 1 }) }), exchange('candidate', { body: jsonBody({ i, price: failed ? 2 : 1 }) }), failed ? [diff({ path: '$.price', legacy: 1, candidate: 2, disposition: 'regression' })] : [])],
    });
  });
}

describe('reports at scale', () => {
  it(`puts every one of ${count} cases in every report`, async () => {
    const { dir, cleanup } = scratchDir('scale-all');
    try {
      const cases = manyCases();
      const run = buildRun({ cases, suites: [menuSuite], tokenParity: null });
      await writeReports({ ...run, summary: summarize(cases, { suites: [menuSuite] }) }, dir);
      const names = cases.map((c) => c.name);
      const results = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as { cases: CaseResult[] };
      expect(results.cases.map((c) => c.name)).toEqual(names);
      for (const junit of ['junit.xml', 'junit-strict.xml']) {
        const xml = readFileSync(path.join(dir, junit), 'utf8');
        expect([...xml.matchAll(/<testcase name="(case \d{5})"/g)].map((m) => m[1])).toEqual(names);
      }
      const html = readFileSync(path.join(dir, 'parity-report.html'), 'utf8');
      const rows = (JSON.parse(html.slice(html.indexOf('id="parity-cases">') + 'id="parity-cases">'.length, html.indexOf('</script>', html.indexOf('id="parity-cases">')))) as { rows: Array<[number, number, string]> }).rows;
      expect(rows.map((r) => r[2])).toEqual(names);
      expect(html.match(/<section class="case case-failed"/g)).toHaveLength(cases.filter((c) => c.status === 'failed').length);
      expect(readFileSync(path.join(dir, 'signoff.md'), 'utf8')).toContain(`| ${count} | ${count - 6} | 6 |`);
    } finally {
      cleanup();
    }
  }, 120_000);

  it('keeps every case a killed run had finished readable on disk, and reports them', async () => {
    const { dir, cleanup } = scratchDir('scale-killed');
    try {
      const child = spawn(process.execPath, ['-r', 'esbuild-register', path.join(__dirname, 'support', 'recordCasesChild.ts'), dir, String(count), '1500'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          if (out.includes('recorded 1500')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`child ended early (${code})`)));
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(child.pid!, 'SIGKILL');
      await exited;
      const header = await readRunHeader(dir);
      expect(header.interrupted).toBe(true);
      expect(header.summary.total).toBe(1500);
      await writeStreamedReports(dir);
      const xml = readFileSync(path.join(dir, 'junit.xml'), 'utf8');
      expect(xml.match(/<testcase /g)).toHaveLength(1500);
    } finally {
      cleanup();
    }
  }, 120_000);
});
