import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ChildOptions {
  /** Node flags before `-r esbuild-register` (e.g. `--expose-gc`). */
  nodeFlags?: string[];
  /** Killed (SIGKILL) after this long; the outcome then says `timedOut`. */
  timeoutMs: number;
}

export type ChildOutcome<T> =
  | { ok: true; result: T; wallMs: number }
  | { ok: false; reason: string; timedOut: boolean; wallMs: number };

/**
 * Runs one measurement script in a fresh Node process (`node <flags> -r esbuild-register <script>
 * <args> --out <file>`) so its memory and JIT state are its own, and reads the JSON it writes.
 * The child's stderr is passed through; its stdout is dropped except on failure.
 */
export async function runChild<T>(script: string, args: string[], options: ChildOptions): Promise<ChildOutcome<T>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parity-bench-child-'));
  const out = path.join(dir, 'result.json');
  const started = performance.now();
  try {
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '-r', 'esbuild-register', script, ...args, '--out', out], {
      cwd: path.resolve(__dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-4000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));
    clearTimeout(timer);
    const wallMs = Math.round(performance.now() - started);
    if (timedOut) return { ok: false, reason: `killed after ${Math.round(options.timeoutMs / 1000)} s`, timedOut, wallMs };
    if (code !== 0) return { ok: false, reason: `exited with code ${code}${stdout ? `: ${stdout.trim().slice(-500)}` : ''}`, timedOut, wallMs };
    return { ok: true, result: JSON.parse(readFileSync(out, 'utf8')) as T, wallMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
