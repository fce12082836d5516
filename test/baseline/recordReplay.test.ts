import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recordBaseline, type RecordBaselineOutcome } from '../../src/baseline/recordBaseline';
import type { BaselineManifest } from '../../src/baseline/manifest';
import { sha256Hex } from '../../src/baseline/manifest';
import { harnessVersion } from '../../src/engine/harnessVersion';
import { runParity } from '../../src/engine/runParity';
import { importPostman } from '../../src/importers/importPostman';
import { startSandbox } from '../../src/sandbox/startSandbox';
import type { Sandbox } from '../../src/sandbox/types';
import { cleanEnv, closedPort, createProjectRoot, fixturesDir, type ProjectRoot } from './projectRoot';
import { scenarioSuite } from './scenarioSuite';

/** The sandbox's variables as process environment, with the sandbox itself switched off in the env file. */
function envFor(sandbox: Sandbox, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return cleanEnv({ PARITY_SANDBOX: 'false', ...sandbox.env, ...extra });
}

describe('recording the legacy side and replaying it offline', () => {
  let root: ProjectRoot;
  let recorded: RecordBaselineOutcome;
  let recordingStats: ReturnType<Sandbox['stats']>;
  const manifest = (): BaselineManifest => JSON.parse(readFileSync(path.join(recorded.dir, 'manifest.json'), 'utf8')) as BaselineManifest;

  beforeAll(async () => {
    root = createProjectRoot('record');
    root.writeSuite('scenarios.yaml', scenarioSuite);
    const collection = JSON.parse(readFileSync(path.join(fixturesDir, 'pizzashack.postman_collection.json'), 'utf8')) as unknown;
    for (const file of importPostman(collection, { api: 'pizzashack' }).files) root.writeSuite(file.path, file.yaml);
    // Our own sandbox (not the one runParity would start), so its request counters can be read.
    const sandbox = await startSandbox();
    try {
      recorded = await recordBaseline({ root: root.dir, envName: 'sandbox', processEnv: envFor(sandbox) });
      recordingStats = sandbox.stats();
    } finally {
      await sandbox.close();
    }
  });
  afterAll(() => root.remove());

  it('calls only the legacy gateway while recording, never the candidate', () => {
    expect(recordingStats.candidate).toBe(0);
    expect(recordingStats.legacy).toBeGreaterThan(0);
    expect(recorded.run.cases.filter((result) => result.status === 'error')).toEqual([]);
  });

  it('writes a manifest with the harness version, the env, the date, every file\'s sha256 and the case ids', () => {
    const written = manifest();
    expect(written).toMatchObject({ format: 'parity-baseline/1', harnessVersion, env: 'sandbox', target: 'legacy', profile: 'apicloud' });
    expect(Number.isNaN(Date.parse(written.recordedAt))).toBe(false);
    const ran = recorded.run.cases.filter((result) => result.status !== 'skipped').map((result) => result.id).sort();
    expect(written.cases.map((entry) => entry.id)).toEqual(ran);
    for (const [file, sha] of Object.entries(written.files)) expect(sha256Hex(readFileSync(path.join(recorded.dir, file)))).toBe(sha);
  });

  it('stores both calls of an idempotent step (the noise baseline) and one of a write, as readable redacted JSON', () => {
    const files = manifest().cases.find((entry) => entry.id === 'suites/scenarios.yaml#create then read an order')!.files;
    expect(files).toEqual([
      'scenarios/create-then-read-an-order/step-0-call-0.json',
      'scenarios/create-then-read-an-order/step-1-call-0.json',
      'scenarios/create-then-read-an-order/step-1-call-1.json',
    ]);
    const text = readFileSync(path.join(recorded.dir, 'scenarios/create-then-read-an-order/step-0-call-0.json'), 'utf8');
    const call = JSON.parse(text) as Record<string, unknown> & { request: { headers: Record<string, string> } };
    expect(Object.keys(call)).toEqual(['case', 'step', 'call', 'target', 'startedAt', 'durationMs', 'request', 'response', 'retries']);
    expect(call.request.headers.authorization).toMatch(/^Bearer «redacted:/);
    expect(text).toContain('\n  "request": {\n');
  });

  it('replays with the legacy gateway gone: no legacy request, captures flow from the recording, every case green', async () => {
    const sandbox = await startSandbox();
    try {
      const gone = `http://127.0.0.1:${await closedPort()}`;
      const { run } = await runParity({
        root: root.dir,
        envName: 'sandbox',
        reportsDir: false,
        // The API URL points nowhere; the token URL stays on the live sandbox so a stray token request would be counted.
        processEnv: envFor(sandbox, { LEGACY_BASELINE: 'baselines/sandbox', LEGACY_API_PIZZASHACK_URL: `${gone}/t/acme/pizzashack/1.0.0` }),
      });
      expect(run.cases.filter((result) => result.status === 'error' || result.status === 'failed').map((result) => result.id)).toEqual([]);
      expect(run.summary.verdict).toBe('pass');
      expect(sandbox.stats().legacy).toBe(0);
      expect(sandbox.stats().candidate).toBeGreaterThan(0);

      const scenario = run.cases.find((result) => result.id === 'suites/scenarios.yaml#create then read an order')!;
      expect(scenario.steps[0]!.legacy.source).toEqual({ baseline: 'baselines/sandbox/scenarios/create-then-read-an-order/step-0-call-0.json' });
      const recordedId = (scenario.steps[0]!.legacy.response!.body.json as { orderId: string }).orderId;
      expect(scenario.steps[1]!.legacy.request.url).toContain(`/order/${recordedId}`);
      expect(scenario.steps[1]!.candidate.request.url).not.toContain(recordedId);
    } finally {
      await sandbox.close();
    }
  });

  it('fails exactly the cases whose candidate answer changed (customerName=Mallory), on that field', async () => {
    const { run } = await runParity({
      root: root.dir,
      envName: 'sandbox',
      reportsDir: false,
      processEnv: cleanEnv({ LEGACY_BASELINE: 'baselines/sandbox', PARITY_SANDBOX_CHANGE_FIELD: 'customerName=Mallory' }),
    });
    const failed = run.cases.filter((result) => result.status !== 'passed' && result.status !== 'skipped');
    expect(failed.map((result) => `${result.id}: ${result.status}`).sort()).toEqual([
      'suites/pizzashack-orders.yaml#Place an order → Look up the order just placed: failed',
      'suites/scenarios.yaml#create then read an order: failed',
    ]);
    const regressions = failed.flatMap((result) => result.steps.flatMap((step) => step.differences.filter((difference) => difference.disposition === 'regression')));
    expect(new Set(regressions.map((difference) => difference.path))).toEqual(new Set(['$.customerName']));
    expect(regressions.every((difference) => difference.candidate === 'Mallory')).toBe(true);
  });

  it('re-records only the selected cases, keeps the others byte for byte and rewrites the manifest', async () => {
    const before = manifest();
    const again = await recordBaseline({
      root: root.dir,
      envName: 'sandbox',
      processEnv: cleanEnv(),
      files: [path.join(root.dir, 'suites', 'scenarios.yaml')],
      selection: { grep: 'list the menu' },
    });
    expect(again.summary.recordedCases).toEqual(['suites/scenarios.yaml#list the menu']);
    expect(again.summary.keptCases).toBe(before.cases.length - 1);
    const after = manifest();
    expect(after.cases.map((entry) => entry.id)).toEqual(before.cases.map((entry) => entry.id));
    const menu = (m: BaselineManifest) => m.cases.find((entry) => entry.id === 'suites/scenarios.yaml#list the menu')!;
    expect(menu(after).recordedAt).not.toBe(menu(before).recordedAt);
    for (const entry of before.cases.filter((e) => e.id !== 'suites/scenarios.yaml#list the menu')) {
      expect(after.cases.find((e) => e.id === entry.id)).toEqual(entry);
      for (const file of entry.files) expect(after.files[file]).toBe(before.files[file]);
    }
  });
});
