/**
 * Large bodies: `runParity` with reports on against a raw undici loop, both fetching the same large
 * by-key pair (`generateLargePair`, about 1 % of its leaves changed) from two stub gateways in a
 * separate process; `seq` and `requestId` change on every call, so every case has noise as well as
 * regressions. Each side runs in a fresh child process, so wall time, CPU time and peak RSS are its
 * own; on a machine shared with other work, the CPU ratio is the steadier figure.
 *
 *   node -r esbuild-register scripts/bench/largeBodies.ts [--body-mb 1 --cases 40] [--concurrency 4] [--out file]
 *
 * Without `--body-mb` it measures the two sizes of `largeBodiesPlan` (1 MB × 40 cases, 10 MB × 6).
 * `--mode engine|raw` (with `--legacy-url`, `--candidate-url`) is the child side of one measurement.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RunSummary, TargetName } from '../../src/model/result';
import { benchProcessEnv } from './benchProcessEnv';
import { generateLargePair } from './generateLargePair';
import { runRawUndiciLoop } from './rawUndiciLoop';
import { startRssSampler } from './rssSampler';
import { runChild, type ChildOutcome } from './runChild';
import { startStubProcess } from './startStubProcess';
import { writeLargePair } from './writeLargePair';
import { writeResult } from './writeResult';

export interface LargeBodiesOptions {
  /** Approximate size of each body, bytes. */
  bodyBytes: number;
  cases: number;
  /** Cases at once and requests in flight per target, for both sides (default 4). */
  concurrency?: number;
}

/** What one child measured. */
interface SideFigures {
  wallMs: number;
  /** CPU time (user + system, every thread of the process) spent in the measured region: less sensitive to other load than wall time. */
  cpuMs: number;
  peakRssMiB: number;
  /** The kernel's high-water mark for the child process, MiB. */
  maxRssMiB: number;
}

interface EngineFigures extends SideFigures {
  /** Bytes of each file in the reports folder. */
  reportBytes: Record<string, number>;
  summary: Pick<RunSummary, 'total' | 'passed' | 'failed' | 'errors' | 'regressions' | 'noise' | 'accepted'>;
  /** The first harness error, when a case broke (a large-body run is expected to fail on regressions only). */
  firstError?: string;
}

interface RawFigures extends SideFigures {
  requests: number;
  failures: number;
}

export interface LargeBodiesResult {
  bodyBytes: number;
  cases: number;
  concurrency: number;
  pair: { legacyBytes: number; candidateBytes: number; items: number; leaves: number; plantedChanges: number };
  engine: EngineFigures;
  raw: RawFigures;
  /** Engine wall time over raw wall time. */
  ratio: number;
  /** Engine CPU time over raw CPU time: the figure to trust on a machine shared with other work. */
  cpuRatio: number;
}

export const largeBodiesPlan = [
  { bodyBytes: 1_000_000, cases: 40 },
  { bodyBytes: 10_000_000, cases: 6 },
] as const satisfies readonly LargeBodiesOptions[];

const largeBodiesDefaults = { concurrency: 4, noiseCalls: 2, seed: 11, api: 'large', changedLeaves: 0.01 } as const;

/** Generates the pair, starts the stubs, measures the raw loop and then the engine, each in its own child process. */
export async function measureLargeBodies(options: LargeBodiesOptions): Promise<LargeBodiesResult> {
  const concurrency = options.concurrency ?? largeBodiesDefaults.concurrency;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parity-bench-large-'));
  try {
    const leaves = countLeaves(generateLargePair({ targetBytes: options.bodyBytes, changes: 0, seed: largeBodiesDefaults.seed }).legacy);
    const plantedChanges = Math.max(1, Math.round(leaves * largeBodiesDefaults.changedLeaves));
    const files = writeLargePair(dir, { targetBytes: options.bodyBytes, changes: plantedChanges, seed: largeBodiesDefaults.seed });
    const stubs = await startStubProcess({ latencyMs: 0, recordArrivals: false, bodyFiles: { legacy: files.legacyFile, candidate: files.candidateFile } });
    try {
      const args = ['--legacy-url', stubs.urls.legacy, '--candidate-url', stubs.urls.candidate, '--cases', String(options.cases), '--concurrency', String(concurrency)];
      // Generous: a measurement that hangs is a failure to report, not a bench that never ends.
      const timeoutMs = Math.max(120_000, Math.ceil((options.bodyBytes / 1e6) * options.cases * 3_000));
      const raw = settled(await runChild<RawFigures>(__filename, ['--mode', 'raw', ...args], { timeoutMs }), 'raw loop');
      const engine = settled(await runChild<EngineFigures>(__filename, ['--mode', 'engine', ...args], { timeoutMs }), 'engine');
      return {
        bodyBytes: options.bodyBytes,
        cases: options.cases,
        concurrency,
        pair: { legacyBytes: files.legacyBytes, candidateBytes: files.candidateBytes, items: files.items, leaves, plantedChanges: files.expectedChanges },
        engine,
        raw,
        ratio: Math.round((engine.wallMs / Math.max(1, raw.wallMs)) * 10) / 10,
        cpuRatio: Math.round((engine.cpuMs / Math.max(1, raw.cpuMs)) * 10) / 10,
      };
    } finally {
      await stubs.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function settled<T>(outcome: ChildOutcome<T>, what: string): T {
  if (!outcome.ok) throw new Error(`large bodies: the ${what} measurement failed: ${outcome.reason}`);
  return outcome.result;
}

/** Scalars (and empty containers) in a JSON value: what "1 % of the leaves" is a share of. */
function countLeaves(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  const children = Array.isArray(value) ? value : Object.values(value);
  if (children.length === 0) return 1;
  let leaves = 0;
  for (const child of children) leaves += countLeaves(child);
  return leaves;
}

interface ChildArgs {
  urls: Record<TargetName, string>;
  cases: number;
  concurrency: number;
}

/** One suite file: every case a GET of its own path, `$.items` paired by `id` (the pair is shuffled). */
function writeLargeSuite(root: string, cases: number): void {
  const dir = path.join(root, 'suites');
  const lines = ['suite: large-bodies', `api: ${largeBodiesDefaults.api}`, 'rules:', "  arrays: { '$.items': { by-key: id } }", 'cases:'];
  for (let c = 0; c < cases; c += 1) lines.push(`  - { name: "case ${String(c).padStart(4, '0')}", request: "GET /items/${c}" }`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'large-bodies.yaml'), `${lines.join('\n')}\n`);
}

async function measureEngine(args: ChildArgs): Promise<EngineFigures> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'parity-bench-large-run-'));
  try {
    writeLargeSuite(root, args.cases);
    const processEnv = benchProcessEnv({ api: largeBodiesDefaults.api, urls: args.urls, concurrency: args.concurrency, noiseCalls: largeBodiesDefaults.noiseCalls });
    // Loaded here, not at the top: the raw loop's process must not carry the engine's modules.
    const { runParity } = require('../../src/engine/runParity') as typeof import('../../src/engine/runParity');
    const reportsDir = path.join(root, 'reports');
    const sampler = startRssSampler();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const { run } = await runParity({ root, processEnv, reportsDir, retainCases: false });
    const wallMs = performance.now() - started;
    const cpuMs = cpuMsSince(cpu);
    const rss = sampler.stop();
    const s = run.summary;
    const reportBytes = Object.fromEntries(
      readdirSync(reportsDir)
        .filter((file) => !file.startsWith('.'))
        .map((file) => [file, statSync(path.join(reportsDir, file)).size]),
    );
    const broken = s.errors > 0 ? (s.verdictReasons ?? []).join(' ') : undefined;
    return {
      wallMs: Math.round(wallMs),
      cpuMs,
      peakRssMiB: mib(rss.peakSampledBytes),
      maxRssMiB: mib(rss.maxRssBytes),
      reportBytes,
      summary: { total: s.total, passed: s.passed, failed: s.failed, errors: s.errors, regressions: s.regressions, noise: s.noise, accepted: s.accepted },
      firstError: broken || undefined,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function measureRaw(args: ChildArgs): Promise<RawFigures> {
  const sampler = startRssSampler();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const raw = await runRawUndiciLoop({ urls: args.urls, cases: args.cases, concurrency: args.concurrency, legacyCalls: largeBodiesDefaults.noiseCalls });
  const wallMs = performance.now() - started;
  const cpuMs = cpuMsSince(cpu);
  const rss = sampler.stop();
  return { wallMs: Math.round(wallMs), cpuMs, peakRssMiB: mib(rss.peakSampledBytes), maxRssMiB: mib(rss.maxRssBytes), requests: raw.requests, failures: raw.failures };
}

const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / 1000);
}

function describe(result: LargeBodiesResult): string {
  const { engine, raw } = result;
  const reports = Object.entries(engine.reportBytes)
    .map(([file, bytes]) => `${file} ${(bytes / 1024).toFixed(0)} KiB`)
    .join(', ');
  return [
    `${(result.bodyBytes / 1e6).toFixed(0)} MB × ${result.cases} cases (concurrency ${result.concurrency}; ${result.pair.items} items, ${result.pair.plantedChanges} planted changes per body):`,
    `  wall: engine ${engine.wallMs} ms, raw ${raw.wallMs} ms → ${result.ratio}× raw; CPU: engine ${engine.cpuMs} ms, raw ${raw.cpuMs} ms → ${result.cpuRatio}× raw`,
    `  peak RSS: engine ${engine.peakRssMiB} MiB (max ${engine.maxRssMiB}), raw ${raw.peakRssMiB} MiB`,
    `  summary: ${engine.summary.failed} failed, ${engine.summary.errors} errors, ${engine.summary.regressions} regressions, ${engine.summary.noise} noise, ${engine.summary.accepted} accepted${engine.firstError ? `; error: ${engine.firstError}` : ''}`,
    `  reports: ${reports}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      mode: { type: 'string' },
      'legacy-url': { type: 'string' },
      'candidate-url': { type: 'string' },
      'body-mb': { type: 'string' },
      cases: { type: 'string' },
      concurrency: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const concurrency = Number(values.concurrency ?? largeBodiesDefaults.concurrency);
  if (values.mode !== undefined) {
    if (values.mode !== 'engine' && values.mode !== 'raw') throw new Error(`--mode must be "engine" or "raw", got "${values.mode}"`);
    const args: ChildArgs = { urls: { legacy: values['legacy-url'] ?? '', candidate: values['candidate-url'] ?? '' }, cases: Number(values.cases), concurrency };
    if (!args.urls.legacy || !args.urls.candidate || !(args.cases >= 1)) throw new Error('--mode needs --legacy-url, --candidate-url and --cases');
    writeResult(values.out, values.mode === 'engine' ? await measureEngine(args) : await measureRaw(args));
    return;
  }
  const plan: LargeBodiesOptions[] =
    values['body-mb'] === undefined ? [...largeBodiesPlan] : [{ bodyBytes: Math.round(Number(values['body-mb']) * 1e6), cases: Number(values.cases ?? 1) }];
  const results: LargeBodiesResult[] = [];
  for (const options of plan) {
    const result = await measureLargeBodies({ ...options, concurrency });
    process.stderr.write(`${describe(result)}\n`);
    results.push(result);
  }
  writeResult(values.out, results);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
