import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { mergeRuns, readResultsDir } from '../../src/report/mergeResults';
import { discoverSuites } from '../../src/suite/discoverSuites';
import { loadSuites } from '../../src/suite/loadSuites';
import { checkJunit } from '../report/junitStructure';
import { cleanEnv, repoRoot, runProcess, type ProcessOutcome } from './helpers';

/**
 * The README's `npm test`, for real: Jest with the repo's own config, the sample suites and the
 * built-in sandbox, in a child process. Reports go to a temp dir so the run leaves reports/ alone.
 */
const jestBin = path.join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');

function parseJunit(file: string) {
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(file, 'utf8'));
  const suites = [xml.testsuites.testsuite].flat() as Array<Record<string, unknown>>;
  const testcases = suites.flatMap((suite) => [suite.testcase].flat()) as Array<Record<string, unknown>>;
  return { xml, testcases };
}

describe('npm test on the sample suites', () => {
  let reports: string;
  beforeEach(() => {
    reports = mkdtempSync(path.join(os.tmpdir(), 'parity-npm-test-'));
  });
  afterEach(() => rmSync(reports, { recursive: true, force: true }));

  // The plain `npm test`, run once: the first test reads what it printed and wrote, the shard test
  // compares its results with those of two shards.
  let whole: { outcome: ProcessOutcome; reports: string };
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parity-npm-test-'));
    whole = { reports: dir, outcome: await runProcess(process.execPath, [jestBin, '--ci'], { cwd: repoRoot, env: cleanEnv({ CI: 'true', PARITY_REPORTS_DIR: dir }) }) };
  });
  afterAll(() => {
    if (whole) rmSync(whole.reports, { recursive: true, force: true });
  });

  it('exits 0 against the default sandbox, prints a summary and writes a JUnit with at least 10 passing testcases', () => {
    const { outcome, reports } = whole;
    expect({ code: outcome.code, tail: outcome.stdout.slice(-1500) }).toMatchObject({ code: 0 });
    expect(outcome.stdout).toContain('verdict: PASS');
    expect(checkJunit(readFileSync(path.join(reports, 'junit.xml'), 'utf8'), { flavour: 'consumer' }).errors).toEqual([]);
    expect(checkJunit(readFileSync(path.join(reports, 'junit-strict.xml'), 'utf8')).errors).toEqual([]);
    const { xml, testcases } = parseJunit(path.join(reports, 'junit.xml'));
    expect(testcases.length).toBeGreaterThanOrEqual(10);
    expect(Number(xml.testsuites.failures)).toBe(0);
    expect(Number(xml.testsuites.errors)).toBe(0);
    expect(testcases.filter((testcase) => testcase.name === 'token parity' && testcase.classname === 'token parity')).toHaveLength(1);
    // suites/order-matrix.yaml: one case over the 3 rows of suites/data/pizza-orders.csv.
    const matrix = ([xml.testsuites.testsuite].flat() as Array<Record<string, unknown>>).find((suite) => suite.name === 'order matrix');
    expect([matrix?.testcase].flat().map((testcase) => (testcase as Record<string, unknown>).name)).toHaveLength(3);
  });

  it('exits 1 in drift mode and fails exactly the drifted cases', async () => {
    const outcome = await runProcess(process.execPath, [jestBin, '--ci'], { cwd: repoRoot, env: cleanEnv({ CI: 'true', PARITY_REPORTS_DIR: reports, PARITY_SANDBOX_DRIFT: '1' }) });
    expect(outcome.code).toBe(1);
    expect(checkJunit(readFileSync(path.join(reports, 'junit.xml'), 'utf8'), { flavour: 'consumer' }).errors).toEqual([]);
    expect(checkJunit(readFileSync(path.join(reports, 'junit-strict.xml'), 'utf8')).errors).toEqual([]);
    const { testcases } = parseJunit(path.join(reports, 'junit.xml'));
    const failed = testcases.filter((testcase) => testcase.failure !== undefined).map((testcase) => String(testcase.name)).sort();
    expect(failed).toEqual([
      'a call with an invalid token is refused',
      'list the menu',
      'list the menu as a client without an Accept header',
      'look up an order',
      'order 1 × Margherita for Asha Perera',
      'order 2 × Hawaiian for Nimali Silva',
      'order 3 × Pepperoni for Ravi Fernando',
      'order lifecycle — create, read, update, delete',
      'place an order',
    ]);
    expect(testcases.filter((testcase) => testcase.error !== undefined)).toEqual([]);
    expect(outcome.stdout).toContain('verdict: FAIL');
  });

  it('runs only the selected suite file and case name, like any Jest run, and marks the run partial in every report', async () => {
    const outcome = await runProcess(process.execPath, [jestBin, '--ci', 'suites/orders.yaml', '-t', 'place an order'], { cwd: repoRoot, env: cleanEnv({ CI: 'true', PARITY_REPORTS_DIR: reports }) });
    expect(outcome.code).toBe(0);
    const { testcases } = parseJunit(path.join(reports, 'junit.xml'));
    // Token parity is a check of the run, not a case: both shells check it on every live run.
    expect(testcases.map((testcase) => testcase.name)).toEqual(['place an order', 'token parity']);
    const results = JSON.parse(readFileSync(path.join(reports, 'results.json'), 'utf8')) as { cases: unknown[]; partial?: { selectedCases: number; totalCases: number; reasons: string[] } };
    const total = loadSuites(discoverSuites(repoRoot), { root: repoRoot }).reduce((sum, loaded) => sum + (loaded.suite?.cases.length ?? 0), 0);
    expect(results.partial).toEqual({ selectedCases: 1, totalCases: total, reasons: ['path filter "suites/orders.yaml"', '-t "place an order"'] });
    const signoff = readFileSync(path.join(reports, 'signoff.md'), 'utf8');
    expect(signoff).toContain(`Partial run: 1 of ${total} cases selected`);
    expect(signoff).toContain('not a sign-off of the whole suite set');
    expect(readFileSync(path.join(reports, 'junit.xml'), 'utf8')).toContain(`name="run.partial" value="Partial run: 1 of ${total} cases selected`);
    expect(readFileSync(path.join(reports, 'parity-report.html'), 'utf8')).toContain(`Partial run: 1 of ${total} cases selected`);
    expect(outcome.stdout).toContain(`verdict: PASS (partial run: 1 of ${total} cases`);
  });

  it('merges two shards into the same testcases and verdicts as one run over the same suites', async () => {
    const env = (dir: string) => cleanEnv({ CI: 'true', PARITY_REPORTS_DIR: path.join(reports, dir) });
    const [first, second] = await Promise.all([
      runProcess(process.execPath, [jestBin, '--ci', '--shard=1/2'], { cwd: repoRoot, env: env('shard-1') }),
      runProcess(process.execPath, [jestBin, '--ci', '--shard=2/2'], { cwd: repoRoot, env: env('shard-2') }),
    ]);
    expect([whole.outcome.code, first.code, second.code]).toEqual([0, 0, 0]);
    const shards = await Promise.all([readResultsDir(path.join(reports, 'shard-1')), readResultsDir(path.join(reports, 'shard-2'))]);
    expect(shards.every((run) => run.cases.length > 0)).toBe(true);
    const merged = mergeRuns(shards);
    const single = await readResultsDir(whole.reports);
    const view = (run: typeof single) => ({
      cases: run.cases.map((c) => [c.id, c.status, c.steps.flatMap((s) => s.differences.map((d) => `${d.disposition}:${d.rule ?? ''}:${d.path}`)).sort()]),
      suites: run.suites.map((s) => [s.file, s.sha256]),
      tokenParity: run.tokenParity?.status,
      verdict: run.summary.verdict,
    });
    expect(view(merged)).toEqual(view(single));
  });
});
