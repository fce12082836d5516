import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineParitySuite } from '../../src/jest/defineParitySuite';
import { clearRunState, publishRunState } from '../../src/jest/runState';
import { collectTests } from './support/collectTests';

interface Reporter {
  onRunStart(results: { numTotalTestSuites: number }): void;
  onTestCaseStart(test: { path: string }): void;
  onTestCaseResult(test: { path: string }, result: { status: string; title: string; ancestorTitles: string[]; duration: number }): void;
}
// Plain JS, loaded by Jest without a transform: required as Jest requires it.
const ProgressReporter = require('../../src/jest/progressReporter.cjs') as new (globalConfig: { rootDir: string }) => Reporter;

/**
 * The progress reporter's totals come from what each test file announced when it was defined
 * (its part), not from parsing the suite files again: here the suite files are deleted before
 * the reporter hears of them.
 */
describe('the progress reporter’s totals', () => {
  let root: string;
  let written: string[];
  let restoreCi: string | undefined;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'parity-progress-'));
    mkdirSync(path.join(root, 'suites'));
    written = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    restoreCi = process.env.CI;
    process.env.CI = 'false';
  });
  afterEach(() => {
    jest.restoreAllMocks();
    if (restoreCi === undefined) delete process.env.CI;
    else process.env.CI = restoreCi;
    clearRunState();
    rmSync(root, { recursive: true, force: true });
  });

  it('counts every data-driven row and the one test of a suite that did not load, from what the files announced, without reading them', () => {
    const matrix = path.join(root, 'suites', 'matrix.yaml');
    const broken = path.join(root, 'suites', 'broken.yaml');
    writeFileSync(
      matrix,
      [
        'suite: matrix',
        'api: shop',
        'cases:',
        '  - name: "order {{pizza}}"',
        '    each: [{ pizza: Margherita }, { pizza: Hawaiian }, { pizza: Pepperoni }]',
        '    request: GET /menu',
        '  - { name: "the menu", request: GET /menu }',
        '',
      ].join('\n'),
    );
    writeFileSync(broken, 'suite: broken\ncases:\n  - { name: "x", reqest: GET /menu }\n');
    // As global setup publishes a run whose environment could not be prepared: nothing is sent.
    publishRunState({ root, runId: 'progress-run', startedAt: new Date().toISOString(), partsDir: path.join(root, 'parts'), setupError: { name: 'ConfigError', message: 'no environment here' } });
    defineParitySuite(matrix, collectTests().globals);
    defineParitySuite(broken, collectTests().globals);
    rmSync(path.join(root, 'suites'), { recursive: true });

    const reporter = new ProgressReporter({ rootDir: root });
    reporter.onRunStart({ numTotalTestSuites: 2 });
    const result = (file: string, title: string) => {
      reporter.onTestCaseStart({ path: file });
      reporter.onTestCaseResult({ path: file }, { status: 'failed', title, ancestorTitles: [path.basename(file)], duration: 1 });
    };
    for (const title of ['order Margherita', 'order Hawaiian', 'order Pepperoni', 'the menu']) result(matrix, title);
    result(broken, 'suite loads');
    const totals = written.map((line) => /\[(\d+\/\d+)\]/.exec(line)?.[1]);
    expect(totals).toEqual(['1/4', '2/4', '3/4', '4/4', '5/5']);
  });

  it('in CI, prints a progress line at every tenth of a total that grew when a later file started', () => {
    process.env.CI = 'true';
    const suite = (name: string, count: number) => {
      const file = path.join(root, 'suites', `${name}.yaml`);
      writeFileSync(file, [`suite: ${name}`, 'api: shop', 'cases:', ...Array.from({ length: count }, (_, i) => `  - { name: "case ${i}", request: GET /menu }`), ''].join('\n'));
      return file;
    };
    const [small, large] = [suite('small', 1), suite('large', 9)];
    publishRunState({ root, runId: 'progress-ci-run', startedAt: new Date().toISOString(), partsDir: path.join(root, 'parts'), setupError: { name: 'ConfigError', message: 'no environment here' } });
    defineParitySuite(small, collectTests().globals);
    defineParitySuite(large, collectTests().globals);

    const reporter = new ProgressReporter({ rootDir: root });
    reporter.onRunStart({ numTotalTestSuites: 2 });
    for (const [file, count] of [[small, 1], [large, 9]] as const) {
      for (let i = 0; i < count; i += 1) {
        reporter.onTestCaseStart({ path: file });
        reporter.onTestCaseResult({ path: file }, { status: 'passed', title: `case ${i}`, ancestorTitles: [], duration: 1 });
      }
    }
    const progress = written.filter((line) => line.startsWith('progress ')).map((line) => /\[(\d+\/\d+)\]/.exec(line)?.[1]);
    expect(progress).toEqual(['1/1', '2/10', '3/10', '4/10', '5/10', '6/10', '7/10', '8/10', '9/10', '10/10']);
  });
});
