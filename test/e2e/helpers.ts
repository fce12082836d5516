import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runParity, type RunParityOptions } from '../../src/engine/runParity';
import type { RunResult } from '../../src/model/result';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** The process environment without any parity/sandbox variable of the developer's shell. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(PARITY_|LEGACY_|CANDIDATE_)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** A throw-away project root with the repo's env files, specs and (optionally) suites. */
export function makeProject(options: { suites?: boolean } = {}): { root: string; cleanup(): void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'parity-e2e-'));
  cpSync(path.join(repoRoot, 'env'), path.join(root, 'env'), { recursive: true });
  cpSync(path.join(repoRoot, 'specs'), path.join(root, 'specs'), { recursive: true });
  if (options.suites !== false) cpSync(path.join(repoRoot, 'suites'), path.join(root, 'suites'), { recursive: true });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export async function runInProject(root: string, options: Partial<RunParityOptions> & { env?: Record<string, string> } = {}): Promise<RunResult> {
  const { env, ...rest } = options;
  const { run } = await runParity({ root, processEnv: cleanEnv(env), reportsDir: path.join(root, 'reports'), ...rest });
  return run;
}

/** Every file under a directory, as text (reports, baselines), for secret scans. */
export function readTree(dir: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push({ file: full, text: readFileSync(full, 'latin1') });
    }
  };
  walk(dir);
  return out;
}

export interface ProcessOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion with a hard time bound; never inherits the shell's parity env. */
export function runProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${options.timeoutMs ?? 120_000} ms\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function failingCaseNames(run: RunResult): string[] {
  return run.cases.filter((c) => c.status === 'failed').map((c) => c.name).sort();
}

export function regressions(run: RunResult): Array<{ caseName: string; path: string; legacy: unknown; candidate: unknown }> {
  return run.cases.flatMap((c) =>
    c.steps.flatMap((step) =>
      step.differences.filter((d) => d.disposition === 'regression').map((d) => ({ caseName: c.name, path: d.path, legacy: d.legacy, candidate: d.candidate })),
    ),
  );
}
