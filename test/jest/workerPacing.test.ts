/**
 * Who a Jest test file's requests wait for. Leases are counted where they arrive: every HTTP
 * request the parent's pacer server receives in this process (Node's `http.server.request.start`
 * diagnostics channel). A worker is a real child process that
 * attaches through the published environment, as a Jest worker does (support/attachChild.ts).
 */
import { spawn } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { openRunSession, type RunSession } from '../../src/engine/runSession';
import { defineParitySuite } from '../../src/jest/defineParitySuite';
import { readParts } from '../../src/jest/parts';
import { setRunHandles, takeRunHandles, type RunHandles } from '../../src/jest/runHandles';
import { clearRunState, publishRunState, type RunState } from '../../src/jest/runState';
import { startLoopback, type Loopback } from '../execute/loopback';
import { collectTests, type CollectedRun } from './support/collectTests';

const repoRoot = path.resolve(__dirname, '..', '..');
const cases = 6;
/** Noise baseline on (the default): the legacy side twice, the candidate once. */
const requestsPerCase = 3;
/** As Jest's global setup says it: up to 2 workers, each with up to 5 concurrent tests. */
const workers = { processes: 2, casesEach: 5 };

describe('pacing of the cases a Jest test file runs', () => {
  let gateway: Loopback;
  let root: string;
  let suiteFile: string;
  let session: RunSession | undefined;
  const leases: Array<{ port: number }> = [];
  const onRequest = (message: unknown): void => {
    const { request, server } = message as { request: http.IncomingMessage; server: http.Server };
    if (request.url?.startsWith('/lease')) leases.push({ port: (server.address() as { port: number }).port });
  };
  const leasesAt = (url: string | undefined) => leases.filter((lease) => url !== undefined && String(lease.port) === new URL(url).port);

  beforeAll(async () => {
    diagnostics.subscribe('http.server.request.start', onRequest);
    gateway = await startLoopback((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ path: req.url }));
    });
    root = mkdtempSync(path.join(os.tmpdir(), 'parity-worker-pacing-'));
    mkdirSync(path.join(root, 'suites'));
    suiteFile = path.join(root, 'suites', 'pace.yaml');
    const lines = ['suite: pace', 'api: pace', 'cases:', ...Array.from({ length: cases }, (_, i) => `  - { name: "item ${i}", request: "GET /items/${i}" }`)];
    writeFileSync(suiteFile, `${lines.join('\n')}\n`);
  });
  afterAll(async () => {
    diagnostics.unsubscribe('http.server.request.start', onRequest);
    await gateway.close();
    rmSync(root, { recursive: true, force: true });
  });
  beforeEach(() => {
    leases.length = 0;
    gateway.hits.length = 0;
  });
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  const variables = (extra: Record<string, string>): Record<string, string> => ({
    PARITY_SANDBOX: 'false',
    LEGACY_PROFILE: 'generic',
    CANDIDATE_PROFILE: 'generic',
    LEGACY_GRANT: 'none',
    CANDIDATE_GRANT: 'none',
    LEGACY_API_PACE_URL: gateway.url,
    CANDIDATE_API_PACE_URL: gateway.url,
    ...extra,
  });

  /** What global setup does: opens the session for workers and says how to attach to it. */
  async function openRun(extra: Record<string, string>): Promise<{ session: RunSession; state: RunState }> {
    const opened = await openRunSession({ root, processEnv: variables(extra), pacing: workers, reportsDir: false, tokenParity: false });
    session = opened;
    const state: RunState = {
      root,
      runId: opened.runId,
      startedAt: opened.startedAt.toISOString(),
      partsDir: mkdtempSync(path.join(os.tmpdir(), 'parity-worker-pacing-parts-')),
      ...(opened.pacerUrl ? { pacerUrl: opened.pacerUrl } : {}),
      ...(opened.redaction ? { redaction: opened.redaction } : {}),
    };
    return { session: opened, state };
  }

  /** A worker process running the suite file, with the run's variables and the published state in its environment. */
  async function runWorker(state: RunState, extra: Record<string, string>): Promise<CollectedRun> {
    const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(PARITY_|LEGACY_|CANDIDATE_)/.test(name)));
    Object.assign(env, variables(extra));
    publishRunState(state, env);
    const child = spawn(process.execPath, ['-r', 'esbuild-register', path.join(__dirname, 'support', 'attachChild.ts'), suiteFile], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    if (code !== 0) throw new Error(`the worker exited with ${code}: ${stderr}`);
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as CollectedRun;
  }

  it('runs a worker’s cases on a pacer of its own, asking the parent for no lease, when no target has a rate limit and the workers cannot exceed a cap', async () => {
    const caps = { LEGACY_CONCURRENCY: '11', CANDIDATE_CONCURRENCY: '11' };
    const { session: opened, state } = await openRun(caps);
    expect(opened.pacerUrl).toBeUndefined();
    expect(opened.redaction).toBeDefined();
    const outcome = await runWorker(state, caps);
    expect(outcome).toEqual({ passed: cases, failed: [], skipped: 0 });
    expect(gateway.hits).toHaveLength(cases * requestsPerCase);
    expect(leases).toEqual([]);
  }, 60_000);

  it('takes a lease from the parent’s pacer for every request of a worker when a rate limit applies', async () => {
    const limits = { LEGACY_RATE_LIMIT_PER_MIN: '60000', CANDIDATE_RATE_LIMIT_PER_MIN: '60000', LEGACY_CONCURRENCY: '11', CANDIDATE_CONCURRENCY: '11' };
    const { session: opened, state } = await openRun(limits);
    expect(opened.pacerUrl).toBeDefined();
    const outcome = await runWorker(state, limits);
    expect(outcome).toEqual({ passed: cases, failed: [], skipped: 0 });
    expect(gateway.hits).toHaveLength(cases * requestsPerCase);
    expect(leasesAt(opened.pacerUrl)).toHaveLength(cases * requestsPerCase);
  }, 60_000);

  it('runs a test file in band on the session itself: no lease even with a rate limit, every case recorded in the session as it ends', async () => {
    const limits = { LEGACY_RATE_LIMIT_PER_MIN: '60000', CANDIDATE_RATE_LIMIT_PER_MIN: '60000' };
    const { session: opened, state } = await openRun(limits);
    expect(opened.pacerUrl).toBeDefined();
    const handles: RunHandles = { session: opened, bail: 0, removeSignalHandlers: () => undefined, inProcessCases: new Map() };
    setRunHandles(handles);
    publishRunState(state);
    try {
      const { globals, run } = collectTests();
      defineParitySuite(suiteFile, globals);
      expect(await run()).toEqual({ passed: cases, failed: [], skipped: 0 });
    } finally {
      takeRunHandles();
      clearRunState();
    }
    expect(gateway.hits).toHaveLength(cases * requestsPerCase);
    expect(leases).toEqual([]);
    expect(handles.inProcessCases.get(suiteFile)).toBe(cases);
    const { run } = await opened.finish();
    expect(run.cases.map((c) => c.status)).toEqual(Array.from({ length: cases }, () => 'passed'));
    // The part announces the file (for the progress reporter and the teardown) and holds no case.
    expect(await readParts(state.partsDir)).toEqual([expect.objectContaining({ testFile: suiteFile, inProcess: true, caseCount: cases, expected: cases, cases: 0 })]);
  }, 60_000);
});
