import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { runDefaults } from '../../src/config/defaults';
import { startSandbox } from '../../src/sandbox/startSandbox';
import type { Sandbox } from '../../src/sandbox/types';
import { cleanEnv, makeProject, repoRoot } from '../e2e/helpers';
import { startCallGate, type CallGate } from './callGate';
import { expectValidReports, junitOutcome } from './reportChecks';

/**
 * Ctrl-C (SIGINT) and a CI runner's stop (SIGTERM) in the middle of `parity run`, for real: the
 * CLI as a child process, one case at a time, against a sandbox behind a gate that holds the
 * candidate's second call. The signal goes out once the first case is printed as done and the
 * second is in flight — its legacy calls answered, its candidate call held — so two never start.
 * Every step waits for an event (a line on stdout, a call or an answer at the gate), never for time.
 */
const bin = path.join(repoRoot, 'bin', 'parity.js');
/** A GET is not mutating, so each case calls the legacy side once plus its noise-baseline repeats. */
const legacyCallsPerCase = runDefaults.noiseCalls;
/** Safety bound for one whole run; never reached when the CLI behaves. */
const runBoundMs = 40_000;

interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout; rejects after `ms`. */
  waitForStdout(pattern: RegExp, ms: number): Promise<RegExpMatchArray>;
  /** `event`, unless the CLI exits first. */
  beforeExit<T>(event: Promise<T>, what: string): Promise<T>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startCli(cwd: string, env: NodeJS.ProcessEnv): RunningCli {
  // node itself, not a shell or npx: the PID we signal is the CLI's own.
  const child = spawn(process.execPath, [bin, 'run'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const listener of listeners) listener();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const waitForStdout = (pattern: RegExp, ms: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = stdout.match(pattern);
        if (!match) return;
        done();
        resolve(match);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${pattern} on stdout within ${ms} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      void exit.then(() => {
        if (!listeners.has(check)) return;
        done();
        reject(new Error(`the CLI exited before ${pattern} appeared\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      });
      check();
    });
  const beforeExit = <T>(event: Promise<T>, what: string) =>
    Promise.race([
      event,
      exit.then((): never => {
        throw new Error(`the CLI exited before ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
      }),
    ]);
  return { child, stdout: () => stdout, stderr: () => stderr, waitForStdout, beforeExit, exit };
}

describe.each(['SIGINT', 'SIGTERM'] as const)('parity run stopped by %s', (signal) => {
  let project: ReturnType<typeof makeProject>;
  let sandbox: Sandbox;
  let gate: CallGate;
  let cli: RunningCli | undefined;
  beforeEach(async () => {
    project = makeProject({ suites: false });
    mkdirSync(path.join(project.root, 'suites'));
    copyFileSync(path.join(__dirname, 'fixtures', 'slow-menu.yaml'), path.join(project.root, 'suites', 'slow-menu.yaml'));
    sandbox = await startSandbox();
    gate = await startCallGate(sandbox.env, { holdCandidateCall: 2 });
  });
  afterEach(async () => {
    // Only ever the child this test spawned, by its PID, and only if it is still running.
    if (cli && cli.child.exitCode === null && cli.child.signalCode === null) {
      cli.child.kill('SIGKILL');
      await cli.exit;
    }
    cli = undefined;
    await gate.close();
    await sandbox.close();
    project.cleanup();
  });

  it('marks the in-flight and unstarted cases interrupted, keeps the finished one, writes valid reports and exits 2', async () => {
    cli = startCli(
      project.root,
      // CI=false: the test waits for the per-case progress lines a terminal gets (CI logs get only failures).
      cleanEnv({ CI: 'false', ...sandbox.env, ...gate.env, PARITY_SANDBOX: 'false', PARITY_CONCURRENCY: '1', PARITY_TIMEOUT_MS: '30000' }),
    );
    const bound = setTimeout(() => cli?.child.kill('SIGKILL'), runBoundMs);
    try {
      const first = await cli.waitForStdout(/^(PASS|FAIL|ERROR) slow menu › (.+?) \(\d+ ms\)/m, runBoundMs);
      // The second case is in flight: its candidate call held at the gate, its legacy calls answered.
      await cli.beforeExit(
        gate.until((g) => g.held === 1 && g.answered.legacy >= 2 * legacyCallsPerCase),
        'the second case was in flight',
      );
      expect(cli.child.kill(signal)).toBe(true);
      const { code } = await cli.exit;

      expect({ code, stderr: cli.stderr() }).toEqual({ code: 2, stderr: expect.stringContaining(`parity: ${signal} received, finishing in-flight cases as interrupted and writing reports`) });
      expect(cli.stdout()).toMatch(/1 passed, 0 failed, 0 errors, 0 skipped, 3 interrupted/);
      expect(cli.stdout()).toContain('because: The run was interrupted; 3 cases did not finish.');
      expect(cli.stdout()).toContain('verdict: FAIL');
      expect(cli.stdout()).toMatch(/reports: .*results\.json/);

      const { results, junit } = expectValidReports(path.join(project.root, 'reports'));
      expect(results.interrupted).toBe(true);
      expect(results.warnings.join('\n')).toContain('The run was interrupted');
      const finished = first[2]!;
      expect(finished).toBe('read the menu (1)');
      expect(results.cases.map((c) => [c.name, c.status])).toEqual([
        ['read the menu (1)', 'passed'],
        ['read the menu (2)', 'interrupted'],
        ['read the menu (3)', 'interrupted'],
        ['read the menu (4)', 'interrupted'],
      ]);

      // The case in flight keeps what it had: the legacy answer, and the candidate call cut short.
      const inFlight = results.cases[1]!;
      expect(inFlight.error).toMatchObject({ name: 'Interrupted', message: expect.stringContaining('before this case finished') });
      expect(inFlight.steps).toHaveLength(1);
      expect(inFlight.steps[0]?.legacy.response?.status).toBe(200);
      expect(inFlight.steps[0]?.candidate.error).toMatchObject({ name: 'Interrupted', target: 'candidate' });
      expect(inFlight.steps[0]?.candidate.response).toBeUndefined();
      for (const never of results.cases.slice(2)) {
        expect(never.steps).toEqual([]);
        expect(never.error?.message).toContain('before this case started');
      }

      expect(junitOutcome(junit, 'read the menu (1)')).toBeUndefined();
      for (const name of ['read the menu (2)', 'read the menu (3)', 'read the menu (4)']) {
        expect(junitOutcome(junit, name)).toMatchObject({ element: 'error', type: 'Interrupted' });
      }
    } finally {
      clearTimeout(bound);
    }
  }, runBoundMs + 5_000);
});
