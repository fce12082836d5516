/**
 * A few thousand real cases through `parity run` (a child process, the built-in sandbox, reports
 * on as users run it): every case is in every report; and a run killed half-way by SIGKILL leaves
 * every finished case readable on disk, which `parity gate` and `parity merge` read. Nothing here
 * is timed: the bounds are only there so a hung run fails instead of hanging CI.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { CaseResult } from '../../src/model/result';
import { cleanEnv, makeProject, repoRoot, runProcess } from './helpers';

const rows = 2_000;
const parityBin = path.join(repoRoot, 'bin', 'parity.js');

const suite = `suite: scale
api: pizzashack
cases:
  - name: menu row {{n}}
    each: data/rows.csv
    request:
      method: GET
      path: /menu
      headers:
        accept: application/json
    expect:
      status: 200
`;

function writeScaleProject(root: string): string[] {
  mkdirSync(path.join(root, 'suites', 'data'), { recursive: true });
  writeFileSync(path.join(root, 'suites', 'scale.yaml'), suite);
  const numbers = Array.from({ length: rows }, (_, i) => String(i + 1).padStart(5, '0'));
  writeFileSync(path.join(root, 'suites', 'data', 'rows.csv'), `n\n${numbers.join('\n')}\n`);
  return numbers.map((n) => `menu row ${n}`);
}

/** The cases a `cases.ndjson` holds, by name (each whole case record's digest; a line still being written is left out). */
function streamedNames(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.pop(); // after the last newline: empty, or a record not yet complete
  return lines
    .filter((line) => line.startsWith('{"record":"case"'))
    .map((line) => (JSON.parse(line) as { digest: { name: string } }).digest.name);
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' });
function junitNames(file: string): string[] {
  const doc = xml.parse(readFileSync(file, 'utf8')) as { testsuites: { testsuite: Array<{ testcase?: Array<{ name: string }> }> } };
  return doc.testsuites.testsuite.flatMap((s) => (s.testcase ?? []).map((c) => String(c.name)));
}

function htmlRowNames(file: string): string[] {
  const html = readFileSync(file, 'utf8');
  const start = html.indexOf('id="parity-cases">') + 'id="parity-cases">'.length;
  const data = JSON.parse(html.slice(start, html.indexOf('</script>', start))) as { rows: Array<[number, number, string]> };
  return data.rows.map((r) => r[2]);
}

const sorted = (names: readonly string[]): string[] => [...names].sort();

describe(`parity run with ${rows.toLocaleString('en-US')} data-driven cases, reports on`, () => {
  let project: ReturnType<typeof makeProject>;
  let names: string[];
  beforeEach(() => {
    project = makeProject({ suites: false });
    names = writeScaleProject(project.root);
  });
  afterEach(() => project.cleanup());

  it('puts every case in results.json, both JUnit files, the HTML and the sign-off', async () => {
    const outcome = await runProcess(process.execPath, [parityBin, 'run'], { cwd: project.root, env: cleanEnv(), timeoutMs: 300_000 });
    expect(outcome.stderr.slice(-2000) + outcome.stdout.slice(-2000)).toContain(`${rows} passed`);
    expect(outcome.code).toBe(0);
    const reports = path.join(project.root, 'reports');
    const results = JSON.parse(readFileSync(path.join(reports, 'results.json'), 'utf8')) as { cases: CaseResult[] };
    expect(sorted(results.cases.map((c) => c.name))).toEqual(sorted(names));
    expect(results.cases.every((c) => c.status === 'passed' && c.steps.length === 1)).toBe(true);
    expect(sorted(streamedNames(path.join(reports, 'cases.ndjson')))).toEqual(sorted(names));
    for (const junit of ['junit.xml', 'junit-strict.xml']) expect(sorted(junitNames(path.join(reports, junit)).filter((n) => n !== 'token parity'))).toEqual(sorted(names));
    expect(sorted(htmlRowNames(path.join(reports, 'parity-report.html')))).toEqual(sorted(names));
    expect(readFileSync(path.join(reports, 'signoff.md'), 'utf8')).toContain(`| ${rows} | ${rows} | 0 | 0 | 0 | 0 |`);
  }, 360_000);

  it('leaves every case finished before a SIGKILL readable on disk, for parity gate and parity merge', async () => {
    const casesFile = path.join(project.root, 'reports', 'cases.ndjson');
    const child = spawn(process.execPath, [parityBin, 'run'], { cwd: project.root, env: { ...cleanEnv(), PARITY_CONCURRENCY: '2' }, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Killed once a third of the cases are on disk: polled from the file itself, not a timer.
    const killedAt = await new Promise<number>((resolve, reject) => {
      const poll = setInterval(() => {
        let count = 0;
        try {
          count = streamedNames(casesFile).length;
        } catch {
          return; // not created yet
        }
        if (count >= rows / 3) {
          clearInterval(poll);
          process.kill(child.pid!, 'SIGKILL');
          resolve(count);
        }
      }, 50);
      child.once('exit', (code) => {
        clearInterval(poll);
        reject(new Error(`parity run ended (${code}) before a third of its cases were on disk`));
      });
    });
    await exited;
    const finished = streamedNames(casesFile);
    expect(finished.length).toBeGreaterThanOrEqual(killedAt);
    expect(finished.length).toBeLessThan(rows);
    for (const name of finished) expect(names).toContain(name);

    const gate = await runProcess(process.execPath, [parityBin, 'gate', 'reports'], { cwd: project.root, env: cleanEnv(), timeoutMs: 120_000 });
    expect(gate.code).toBe(2);
    expect(gate.stdout + gate.stderr).toMatch(/interrupted|stopped before it finished/i);

    const merge = await runProcess(process.execPath, [parityBin, 'merge', 'reports', '--out', 'merged'], { cwd: project.root, env: cleanEnv(), timeoutMs: 120_000 });
    expect(merge.stderr).not.toMatch(/Error:/);
    const merged = path.join(project.root, 'merged');
    expect(sorted(junitNames(path.join(merged, 'junit.xml')))).toEqual(sorted(finished));
    expect(sorted(htmlRowNames(path.join(merged, 'parity-report.html')))).toEqual(sorted(finished));
    const results = JSON.parse(readFileSync(path.join(merged, 'results.json'), 'utf8')) as { interrupted: boolean; cases: CaseResult[] };
    expect(results.interrupted).toBe(true);
    expect(sorted(results.cases.map((c) => c.name))).toEqual(sorted(finished));
  }, 360_000);
});
