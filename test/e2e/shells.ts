import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunResult } from '../../src/model/result';
import { cleanEnv, repoRoot, runProcess, type ProcessOutcome } from './helpers';

/**
 * The two shells of a parity run, each as a user starts it, in a child process on a throw-away
 * project: `npm test` (Jest with the repository's own config, pointed at the project with
 * `--rootDir`) and `npx parity run` (bin/parity.js). Reports go to `<project>/<reportsDir>`
 * through PARITY_REPORTS_DIR, never to the repository's reports/.
 */
const jestBin = path.join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');
const parityBin = path.join(repoRoot, 'bin', 'parity.js');
const jestConfig = path.join(repoRoot, 'jest.config.ts');

export interface ShellRun extends ProcessOutcome {
  reports: string;
  results(): RunResult;
}

export interface ShellOptions {
  env?: Record<string, string>;
  /** Reports folder inside the project (default `reports-<shell>`). */
  reportsDir?: string;
  timeoutMs?: number;
}

export async function npmTest(root: string, args: string[] = [], options: ShellOptions = {}): Promise<ShellRun> {
  const reports = path.join(root, options.reportsDir ?? 'reports-jest');
  // cwd is the repository: Jest looks for a config file above its cwd even when -c names one.
  const outcome = await runProcess(process.execPath, [jestBin, '-c', jestConfig, '--rootDir', root, '--ci', ...args], {
    cwd: repoRoot,
    env: cleanEnv({ CI: 'true', PARITY_REPORTS_DIR: reports, ...options.env }),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  return { ...outcome, reports, results: () => readResults(reports) };
}

export async function parityRun(root: string, args: string[] = [], options: ShellOptions = {}): Promise<ShellRun> {
  const reports = path.join(root, options.reportsDir ?? 'reports-cli');
  const outcome = await runProcess(process.execPath, [parityBin, 'run', ...args], {
    cwd: root,
    env: cleanEnv({ CI: 'true', PARITY_REPORTS_DIR: reports, ...options.env }),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  return { ...outcome, reports, results: () => readResults(reports) };
}

export async function parityCommand(root: string, args: string[]): Promise<ProcessOutcome> {
  return runProcess(process.execPath, [parityBin, ...args], { cwd: root, env: cleanEnv() });
}

export function readResults(dir: string): RunResult {
  return JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as RunResult;
}

/**
 * What both shells must agree on for the same input, timings and hosts aside: the cases by id
 * with their status, error class and every difference's disposition, rule and path; the suites
 * with their hash and load error; token parity; the verdict, its reasons and the exit code; and
 * the partial-run marking.
 */
export function comparableView(run: RunResult) {
  return {
    cases: run.cases.map((c) => ({
      id: c.id,
      status: c.status,
      error: c.error?.name ?? null,
      differences: c.steps.flatMap((s) => s.differences.map((d) => `${s.index}:${d.disposition}:${d.rule ?? ''}:${d.area}:${d.path}`)).sort(),
    })),
    suites: run.suites.map((s) => ({ file: s.file, sha256: s.sha256, error: s.error?.message ?? null })),
    tokenParity: run.tokenParity ? { status: run.tokenParity.status, findings: run.tokenParity.findings.map((f) => `${f.disposition}:${f.rule}`).sort() } : null,
    verdict: run.summary.verdict,
    reasons: run.summary.verdictReasons,
    exitCode: run.summary.exitCode,
    partial: run.partial ?? null,
  };
}
