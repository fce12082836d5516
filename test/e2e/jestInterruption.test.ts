import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startSandbox } from '../../src/sandbox/startSandbox';
import type { Sandbox } from '../../src/sandbox/types';
import { startCallGate, type CallGate } from '../robustness/callGate';
import { expectValidReports } from '../robustness/reportChecks';
import { cleanEnv, makeProject, repoRoot } from './helpers';

/**
 * Ctrl-C (SIGINT) and a CI runner's stop (SIGTERM) in the middle of `npm test`, for real: Jest as
 * a child process, one case at a time, against a sandbox behind a gate that holds the candidate's
 * second call, so the run cannot finish on its own. Once the first case is printed as done, the
 * signal goes to Jest's own PID; the reports must be written into PARITY_REPORTS_DIR, say the run
 * was interrupted, and keep the finished case.
 */
const jestBin = path.join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');
/** Safety bound for one whole run; never reached when the shell behaves. */
const runBoundMs = 60_000;

describe.each(['SIGINT', 'SIGTERM'] as const)('npm test stopped by %s', (signal) => {
  let project: ReturnType<typeof makeProject>;
  let sandbox: Sandbox;
  let gate: CallGate;
  beforeEach(async () => {
    project = makeProject({ suites: false });
    mkdirSync(path.join(project.root, 'suites'));
    copyFileSync(path.join(repoRoot, 'test', 'robustness', 'fixtures', 'slow-menu.yaml'), path.join(project.root, 'suites', 'slow-menu.yaml'));
    sandbox = await startSandbox();
    gate = await startCallGate(sandbox.env, { holdCandidateCall: 2 });
  });
  afterEach(async () => {
    await gate.close();
    await sandbox.close();
    project.cleanup();
  });

  it('writes reports of the finished cases into PARITY_REPORTS_DIR, marked interrupted, then ends as the signal would', async () => {
    const reports = path.join(project.root, 'out', 'reports');
    // node itself (not npm or a shell): the PID signalled is Jest's own. One case at a time.
    const child = spawn(process.execPath, [jestBin, '-c', path.join(repoRoot, 'jest.config.ts'), '--rootDir', project.root, '--maxConcurrency=1'], {
      cwd: repoRoot,
      env: cleanEnv({ CI: 'false', PARITY_REPORTS_DIR: reports, ...sandbox.env, ...gate.env, PARITY_SANDBOX: 'false' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig })));
    const bound = setTimeout(() => child.kill('SIGKILL'), runBoundMs);
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (/^PASS slow menu › read the menu \(\d\)/m.test(stdout)) resolve();
        });
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        void exit.then(() => reject(new Error(`Jest exited before a case finished\n${stdout}\n${stderr}`)));
      });
      expect(child.kill(signal)).toBe(true);
      const ended = await exit;
      expect(ended.code === null ? ended.signal : ended.code).toBe(signal);
      expect(stderr).toContain(`parity: ${signal} received, writing the reports of the cases that finished`);
      expect(stdout).toContain('verdict: FAIL');

      const { results } = expectValidReports(reports);
      expect(results.interrupted).toBe(true);
      expect(results.summary.exitCode).toBe(2);
      expect(results.warnings.join('\n')).toContain('The run was interrupted');
      const finished = results.cases.filter((c) => c.status === 'passed').map((c) => c.name);
      expect(finished.length).toBeGreaterThanOrEqual(1);
      expect(finished.length).toBeLessThan(4);
    } finally {
      clearTimeout(bound);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exit;
      }
    }
  }, runBoundMs + 10_000);
});
