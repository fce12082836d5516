import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main, type CliIo } from '../../src/cli';
import { recordBaseline } from '../../src/baseline/recordBaseline';
import { runParity } from '../../src/engine/runParity';
import { BaselineError } from '../../src/errors';
import { cleanEnv, createProjectRoot, type ProjectRoot } from './projectRoot';
import { scenarioSuite } from './scenarioSuite';

describe('a replayed baseline is evidence: edits and gaps are reported', () => {
  let root: ProjectRoot;
  let copies = 0;

  beforeAll(async () => {
    root = createProjectRoot('integrity');
    root.writeSuite('scenarios.yaml', scenarioSuite);
    await recordBaseline({ root: root.dir, envName: 'sandbox', processEnv: cleanEnv() });
  });
  afterAll(() => root.remove());

  /** Each test damages its own copy of the recording. */
  function copyOfBaseline(): string {
    copies += 1;
    const relative = `baselines/copy-${copies}`;
    cpSync(path.join(root.dir, 'baselines', 'sandbox'), path.join(root.dir, relative), { recursive: true });
    return relative;
  }

  const replay = (baseline: string, files?: string[]) =>
    runParity({ root: root.dir, envName: 'sandbox', reportsDir: false, processEnv: cleanEnv({ LEGACY_BASELINE: baseline }), ...(files ? { files } : {}) });

  it('stops the run with a checksum mismatch that names the hand-edited file', async () => {
    const baseline = copyOfBaseline();
    const file = `${baseline}/scenarios/list-the-menu/step-0-call-0.json`;
    const absolute = path.join(root.dir, file);
    writeFileSync(absolute, readFileSync(absolute, 'utf8').replace('"status": 200', '"status": 201'));

    const failure = await replay(baseline).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(BaselineError);
    expect((failure as BaselineError).message).toBe(
      `${file}: checksum mismatch: the file changed since it was recorded; re-record with \`parity record\` or restore it`,
    );
    expect((failure as BaselineError).file).toBe(file);
  });

  it('has `parity run` print the checksum mismatch, write reports that say so, and exit 2 when LEGACY_BASELINE points at an edited recording', async () => {
    const baseline = copyOfBaseline();
    const file = `${baseline}/scenarios/an-unknown-order-answers-404/step-0-call-0.json`;
    writeFileSync(path.join(root.dir, file), `${readFileSync(path.join(root.dir, file), 'utf8')}\n`);
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: cleanEnv({ LEGACY_BASELINE: baseline }),
      cwd: root.dir,
      signal: new AbortController().signal,
    };
    const code = await main(['run'], io);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}: checksum mismatch: the file changed since it was recorded`);
    expect(stdout).toContain('verdict: FAIL');
    const results = JSON.parse(readFileSync(path.join(root.dir, 'reports', 'results.json'), 'utf8')) as { cases: Array<{ status: string; error?: { message: string } }> };
    expect(results.cases.length).toBeGreaterThan(0);
    for (const c of results.cases) expect(c).toMatchObject({ status: 'error', error: { message: expect.stringContaining('checksum mismatch') } });
  });

  it('errors only the case whose recording is missing, naming the file and the case, and passes the others', async () => {
    const baseline = copyOfBaseline();
    const missing = `${baseline}/scenarios/create-then-read-an-order/step-1-call-0.json`;
    rmSync(path.join(root.dir, missing));

    const { run } = await replay(baseline);
    const byId = new Map(run.cases.map((result) => [result.id, result]));
    const broken = byId.get('suites/scenarios.yaml#create then read an order')!;
    expect(broken.status).toBe('error');
    expect(broken.error).toMatchObject({ name: 'BaselineError', target: 'legacy', file: missing });
    expect(broken.error!.message).toBe(`no recording for case "suites/scenarios.yaml#create then read an order" step 1 call 0: ${missing} is missing`);
    expect(broken.error!.hint).toContain('parity record suites/scenarios.yaml -t "create then read an order"');
    expect(byId.get('suites/scenarios.yaml#list the menu')!.status).toBe('passed');
    expect(byId.get('suites/scenarios.yaml#an unknown order answers 404')!.status).toBe('passed');
  });

  it('names the file it expected for a case added after the recording', async () => {
    const later = root.writeSuite('later.yaml', 'api: pizzashack\ncases:\n  - name: "Menu, again!"\n    request: GET /menu\n');
    const { run } = await replay('baselines/sandbox', [later]);
    expect(run.cases.map((result) => [result.status, result.error?.message])).toEqual([
      ['error', 'no recording for case "suites/later.yaml#Menu, again!" step 0 call 0: baselines/sandbox/later/menu-again/step-0-call-0.json is missing'],
    ]);
  });
});
