import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { makeProject } from './helpers';
import { comparableView, npmTest, parityRun } from './shells';

/**
 * `npm test` and `parity run` are two shells of one run session: for the same input they must
 * write the same results.json, case by case (timings and the sandbox's random ports aside). Jest
 * runs suite files either in worker processes (cases streamed to parts, read back at the end) or
 * in band (cases recorded straight into the session): both ways are compared, whatever the
 * machine's core count would make Jest choose.
 */
const fixtures = path.join(__dirname, 'fixtures');

describe('npm test and parity run on the same input', () => {
  let project: ReturnType<typeof makeProject>;
  beforeEach(() => {
    project = makeProject();
  });
  afterEach(() => project.cleanup());

  it('write the same results.json for the sample suites, Jest running them in two worker processes', async () => {
    const [jest, cli] = await Promise.all([npmTest(project.root, ['--maxWorkers=2']), parityRun(project.root)]);
    expect({ jest: jest.code, cli: cli.code }).toEqual({ jest: 0, cli: 0 });
    const view = comparableView(jest.results());
    expect(view.cases.length).toBeGreaterThanOrEqual(10);
    expect(view.verdict).toBe('pass');
    expect(comparableView(cli.results())).toEqual(view);
  });

  it('write the same results.json against the drifting sandbox (--drift / PARITY_SANDBOX_DRIFT), Jest running in band', async () => {
    const [jest, cli] = await Promise.all([npmTest(project.root, ['--runInBand'], { env: { PARITY_SANDBOX_DRIFT: '1' } }), parityRun(project.root, ['--drift'])]);
    expect({ jest: jest.code, cli: cli.code }).toEqual({ jest: 1, cli: 1 });
    const view = comparableView(jest.results());
    expect(view.cases.filter((c) => c.status === 'failed').length).toBeGreaterThan(0);
    expect(view.exitCode).toBe(1);
    expect(comparableView(cli.results())).toEqual(view);
  });

  it('write the same results.json for a folder with a broken suite and a mixed-auth suite, which passes in both', async () => {
    copyFileSync(path.join(fixtures, 'typo-suite.yaml'), path.join(project.root, 'suites', 'typo.yaml'));
    mkdirSync(path.join(project.root, 'suites', 'imported'));
    copyFileSync(path.join(fixtures, 'mixed-auth.yaml'), path.join(project.root, 'suites', 'imported', 'mixed-auth.yaml'));
    const [jest, cli] = await Promise.all([npmTest(project.root), parityRun(project.root)]);
    expect({ jest: jest.code, cli: cli.code }).toEqual({ jest: 1, cli: 2 });
    const view = comparableView(jest.results());
    expect(view.suites.find((s) => s.file === 'suites/typo.yaml')?.error).toMatch(/suites\/typo\.yaml:\d+:\d+ .*unknown key "methd"\. Did you mean "method"\?/);
    expect(view.cases.filter((c) => c.id.startsWith('suites/imported/mixed-auth.yaml#')).map((c) => [c.id, c.status])).toEqual([
      ['suites/imported/mixed-auth.yaml#the menu with a token is served', 'passed'],
      ['suites/imported/mixed-auth.yaml#the menu without a token is refused', 'passed'],
    ]);
    expect(view.exitCode).toBe(2);
    expect(comparableView(cli.results())).toEqual(view);
  });
});
