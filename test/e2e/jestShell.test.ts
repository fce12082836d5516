import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatBoundedFailure } from '../../src/cli/printFailures';
import { makeProject } from './helpers';
import { comparableView, npmTest, parityCommand, parityRun, readResults } from './shells';

interface JestJson {
  testResults: Array<{ assertionResults: Array<{ ancestorTitles: string[]; title: string; status: string; failureMessages: string[] }> }>;
}

/** Each test starts up to three runs at once on a machine shared with other work: a generous bound. */
const shellRunsMs = 240_000;

/**
 * `npm test` is the path the customer named: it says why a case failed as `parity run` does, a
 * narrowed run is never a sign-off, a run that checked nothing fails, and a report is written —
 * into PARITY_REPORTS_DIR — whatever went wrong.
 */
describe('npm test as a shell of the run session', () => {
  let project: ReturnType<typeof makeProject>;
  beforeEach(() => {
    project = makeProject();
  });
  afterEach(() => project.cleanup());

  it('prints for a wrong secret the harness error and its hint, for drift the step diffs, and makes each failing test’s Jest message that same text', async () => {
    const jsonFile = path.join(project.root, 'jest.json');
    const [wrongSecret, drift] = await Promise.all([
      npmTest(project.root, [], { env: { CANDIDATE_CLIENT_SECRET: 'wrong-secret-5e1f' } }),
      npmTest(project.root, ['--json', `--outputFile=${jsonFile}`], { env: { PARITY_SANDBOX_DRIFT: '1' }, reportsDir: 'reports-drift' }),
    ]);
    expect(wrongSecret.code).toBe(1);
    expect(wrongSecret.stdout).toMatch(/invalid_client/);
    expect(wrongSecret.stdout).toContain('check CANDIDATE_CLIENT_ID / CANDIDATE_CLIENT_SECRET');
    expect(wrongSecret.stdout).not.toContain('wrong-secret-5e1f');
    expect(wrongSecret.stdout).toContain('because: ');

    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain('Failures (');
    expect(drift.stdout).toMatch(/✗ body \$\S* \(changed\)/);
    const run = drift.results();
    const jest = JSON.parse(readFileSync(jsonFile, 'utf8')) as JestJson;
    const messages = new Map(jest.testResults.flatMap((file) => file.assertionResults.filter((a) => a.status === 'failed').map((a) => [`${a.ancestorTitles.join(' › ')} › ${a.title}`, a.failureMessages.join('\n')] as const)));
    const failing = run.cases.filter((c) => c.status === 'failed');
    expect(failing.length).toBeGreaterThan(0);
    for (const result of failing) {
      const text = formatBoundedFailure(result);
      expect(messages.get(`${result.suite} › ${result.name}`)).toContain(text);
      // …and the run's closing failure summary prints the same lines, as parity run does.
      expect(drift.stdout).toContain(text.split('\n').map((line) => `  ${line}`).join('\n'));
    }
  }, shellRunsMs);

  it('exits non-zero when -t selects no case, and writes reports that say nothing ran', async () => {
    const outcome = await npmTest(project.root, ['-t', 'no case is named like this']);
    expect(outcome.code).toBe(1);
    const run = outcome.results();
    expect(run.cases).toEqual([]);
    expect(run.summary).toMatchObject({ verdict: 'fail', exitCode: 2 });
    expect(run.summary.verdictReasons).toContain('No case ran.');
    expect(outcome.stdout).toContain('verdict: FAIL');
  }, shellRunsMs);

  it('marks a run --bail stopped as partial, and parity gate says it is not a sign-off', async () => {
    // One worker: the first drifted file fails and Jest never starts the others.
    // (`--bail`, not `--bail=1`: Jest 30 ignores the `=` form.)
    const outcome = await npmTest(project.root, ['--bail', '-w', '1'], { env: { PARITY_SANDBOX_DRIFT: '1' } });
    expect(outcome.code).toBe(1);
    const run = outcome.results();
    expect(run.partial?.reasons.join(' ')).toMatch(/--bail: \d+ of \d+ suite files had not finished/);
    expect(run.partial!.selectedCases).toBeLessThan(run.partial!.totalCases);
    expect(readFileSync(path.join(outcome.reports, 'signoff.md'), 'utf8')).toContain('not a sign-off of the whole suite set');
    const gate = await parityCommand(project.root, ['gate', path.relative(project.root, outcome.reports)]);
    expect(gate.code).toBe(1);
    expect(gate.stdout).toMatch(/Partial run: \d+ of \d+ cases selected \(--bail/);
  }, shellRunsMs);

  it('narrows by tag the same way in both shells (PARITY_TAGS, --tag), and parity run takes a folder as Jest does', async () => {
    const [jest, cli, folder] = await Promise.all([
      npmTest(project.root, [], { env: { PARITY_TAGS: 'menu' } }),
      parityRun(project.root, ['--tag', 'menu']),
      parityRun(project.root, ['suites'], { reportsDir: 'reports-folder' }),
    ]);
    expect({ jest: jest.code, cli: cli.code, folder: folder.code }).toEqual({ jest: 0, cli: 0, folder: 0 });
    const view = comparableView(jest.results());
    expect(view.cases.length).toBeGreaterThan(0);
    expect(view.partial?.reasons).toEqual(['--tag menu']);
    expect(comparableView(cli.results())).toEqual(view);
    // The whole suites/ folder is the whole suite set: not partial.
    const whole = folder.results();
    expect(whole.partial).toBeUndefined();
    expect(whole.cases.length).toBe(view.partial!.totalCases);
  }, shellRunsMs);

  it.each([
    ['a missing secret', (env: string) => env.replace(/^CANDIDATE_CLIENT_SECRET=.*$/m, ''), /CANDIDATE_CLIENT_SECRET/],
    ['an unknown variable in the env file', (env: string) => `${env}\nPARITY_REPORT_DIR=elsewhere\n`, /PARITY_REPORT_DIR/],
  ])('writes reports into PARITY_REPORTS_DIR from both shells for %s, every case naming the cause', async (_what, edit, cause) => {
    const file = path.join(project.root, 'env', 'sandbox.env');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    const [jest, cli] = await Promise.all([npmTest(project.root), parityRun(project.root)]);
    expect({ jest: jest.code, cli: cli.code }).toEqual({ jest: 1, cli: 2 });
    expect(cli.stderr).toMatch(cause);
    for (const run of [readResults(jest.reports), readResults(cli.reports)]) {
      expect(run.cases.length).toBeGreaterThan(0);
      for (const c of run.cases) expect({ status: c.status, message: c.error?.message }).toEqual({ status: 'error', message: expect.stringMatching(cause) });
      expect(run.summary.exitCode).toBe(2);
    }
    expect(comparableView(cli.results())).toEqual(comparableView(jest.results()));
  }, shellRunsMs);
});
