/**
 * Figure (d), `npm test`'s fixed cost before the first request:
 *
 *   node -r esbuild-register scripts/bench/jestStartup.ts [--runs 3] [--suite 'suites/menu\.yaml$'] [--out result.json]
 *
 * Spawns `npx jest --testPathPatterns <suite>` in the repo (its jest.config.ts, the default
 * sandbox environment) and takes the time from the spawn to the first HTTP request the sandbox
 * receives, seen by `firstRequestHook.cjs`, preloaded through NODE_OPTIONS (no change to src/).
 * The hook also stamps when each Node process starts, which splits the time into npx's start,
 * Jest's start, and Jest + global setup + the first test file until its first request.
 * Reports go to a temp dir, so the repo's reports/ is left alone.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeResult } from './writeResult';

const jestStartupDefaults = { runs: 3, suite: 'suites/menu\\.yaml$', timeoutMs: 90_000 } as const;

interface JestStartupRun {
  /** Spawn → first sandbox request, ms. */
  firstRequestMs: number | null;
  /** Spawn → the Jest CLI's Node process started (npx's own cost before it), ms. */
  jestProcessMs: number | null;
  /** Jest's process start → the first server listening (config, global setup up to the sandbox), ms. */
  jestToListenMs: number | null;
  /** The first server listening → the first sandbox request (sandbox start, test file, token), ms. */
  listenToRequestMs: number | null;
  /** The first request (method and path), to show what it was. */
  firstRequest: string | null;
  exitCode: number | null;
  /** Spawn → Jest exited, ms (the whole tiny run, informational). */
  totalMs: number;
}

export interface JestStartupResult {
  suite: string;
  runs: JestStartupRun[];
  medianFirstRequestMs: number | null;
}

interface HookRecord {
  event: 'process' | 'listen' | 'request';
  at: number;
  pid: number;
  argv?: string;
  method?: string;
  url?: string;
}

const repoRoot = path.resolve(__dirname, '..', '..');
const hook = path.join(__dirname, 'firstRequestHook.cjs');

/** The inherited environment minus harness variables, so the run really uses env/sandbox.env. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(PARITY_|LEGACY_|CANDIDATE_)/.test(name)));
}

async function oneRun(suite: string, dir: string, index: number): Promise<JestStartupRun> {
  const file = path.join(dir, `hook-${index}.jsonl`);
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${hook}`.trim(),
    BENCH_FIRST_REQUEST_FILE: file,
    PARITY_REPORTS_DIR: path.join(dir, `reports-${index}`),
    CI: 'true',
  };
  const spawnedAt = performance.timeOrigin + performance.now();
  const child = spawn('npx', ['jest', '--testPathPatterns', suite], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGTERM'), jestStartupDefaults.timeoutMs);
  const exitCode = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  clearTimeout(timer);
  const totalMs = performance.timeOrigin + performance.now() - spawnedAt;

  let records: HookRecord[] = [];
  try {
    records = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as HookRecord);
  } catch {
    // No hook output at all: reported below as nulls, with Jest's output.
  }
  const request = records.filter((r) => r.event === 'request').sort((a, b) => a.at - b.at)[0];
  const jest = records.filter((r) => r.event === 'process' && /jest/.test(r.argv ?? '') && !/npx|npm/.test(r.argv ?? '')).sort((a, b) => a.at - b.at)[0];
  const listen = records.filter((r) => r.event === 'listen').sort((a, b) => a.at - b.at)[0];
  const between = (from: HookRecord | undefined, to: HookRecord | undefined): number | null => (from && to ? Math.round(to.at - from.at) : null);
  if (!request) process.stderr.write(`jestStartup run ${index + 1}: no sandbox request seen (exit ${exitCode}). Jest said:\n${output.slice(-3000)}\n`);
  return {
    firstRequestMs: request ? Math.round(request.at - spawnedAt) : null,
    jestProcessMs: jest ? Math.round(jest.at - spawnedAt) : null,
    jestToListenMs: between(jest, listen),
    listenToRequestMs: between(listen, request),
    firstRequest: request ? `${request.method} ${request.url}` : null,
    exitCode,
    totalMs: Math.round(totalMs),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, suite: { type: 'string' }, out: { type: 'string' } } });
  const runs = Number(values.runs ?? jestStartupDefaults.runs);
  const suite = values.suite ?? jestStartupDefaults.suite;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parity-bench-jest-'));
  try {
    const results: JestStartupRun[] = [];
    for (let i = 0; i < runs; i += 1) results.push(await oneRun(suite, dir, i));
    const times = results.flatMap((r) => (r.firstRequestMs === null ? [] : [r.firstRequestMs])).sort((a, b) => a - b);
    // A run without a request counts as a miss: the median is only given when every run had one.
    const median = times.length === results.length && times.length > 0 ? times[Math.floor(times.length / 2)]! : null;
    writeResult(values.out, { suite, runs: results, medianFirstRequestMs: median } satisfies JestStartupResult);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
