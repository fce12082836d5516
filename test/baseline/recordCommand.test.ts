import { existsSync } from 'node:fs';
import path from 'node:path';
import { main, type CliIo } from '../../src/cli';
import { cleanEnv, createProjectRoot, type ProjectRoot } from './projectRoot';
import { scenarioSuite } from './scenarioSuite';

describe('parity record', () => {
  let root: ProjectRoot;
  beforeAll(() => {
    root = createProjectRoot('record-cli');
    root.writeSuite('scenarios.yaml', scenarioSuite);
  });
  afterAll(() => root.remove());

  const parity = async (argv: string[], env: Record<string, string> = {}) => {
    const out = { stdout: '', stderr: '' };
    const io: CliIo = {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
      env: cleanEnv(env),
      cwd: root.dir,
      signal: new AbortController().signal,
    };
    return { code: await main(argv, io), ...out };
  };

  it('records every case into baselines/<env>/ and says how to replay it', async () => {
    const { code, stdout } = await parity(['record']);
    expect(code).toBe(0);
    expect(stdout).toContain('  ✓ suites/scenarios.yaml#create then read an order\n');
    expect(stdout).toContain('Recorded the legacy side of environment "sandbox" into baselines/sandbox (the candidate was not called)\n');
    expect(stdout).toContain('  3 cases recorded (7 files), 0 earlier cases kept as they were\n');
    expect(stdout).toContain('  replay it: LEGACY_BASELINE=baselines/sandbox parity run\n');
    expect(existsSync(path.join(root.dir, 'baselines', 'sandbox', 'manifest.json'))).toBe(true);
  });

  it('is replayed by `parity run` when LEGACY_BASELINE points at it', async () => {
    const { code, stdout } = await parity(['run', '--reports', 'reports/replay'], { LEGACY_BASELINE: 'baselines/sandbox' });
    expect(stdout).toContain('verdict: PASS');
    expect(code).toBe(0);
  });

  it('re-records one case with a name filter and keeps the others', async () => {
    const { code, stdout } = await parity(['record', 'suites/scenarios.yaml', '-t', 'unknown order']);
    expect(code).toBe(0);
    expect(stdout).toContain('  1 case recorded (2 files), 2 earlier cases kept as they were\n');
  });

  it('refuses to record while LEGACY_BASELINE says the legacy side is a recording', async () => {
    const { code, stderr } = await parity(['record'], { LEGACY_BASELINE: 'baselines/sandbox' });
    expect(code).toBe(2);
    expect(stderr).toContain('a recording calls the legacy side live');
  });
});
