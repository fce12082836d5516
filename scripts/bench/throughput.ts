/**
 * Figure (a), one measurement per process so peak RSS belongs to it alone:
 *
 *   node -r esbuild-register scripts/bench/throughput.ts --cases 10000 [--mode engine|raw]
 *        [--concurrency 16] [--out result.json]
 *
 * `engine`: writes the cases as suite files in a temp dir and runs them with `runParity`
 * (generic profiles, static tokens, noise baseline on: 3 requests per case, no reports) against
 * two stub gateways in a separate process. `raw`: the same requests with a bare undici loop.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CaseStatus } from '../../src/model/result';
import { benchProcessEnv } from './benchProcessEnv';
import { runRawUndiciLoop } from './rawUndiciLoop';
import { startRssSampler } from './rssSampler';
import { startStubProcess } from './startStubProcess';
import { writeResult } from './writeResult';
import { defaultBenchSuitesOptions, writeSuites } from './writeSuites';

const throughputDefaults = { cases: 10_000, mode: 'engine', concurrency: 16, noiseCalls: 2 } as const;

export interface ThroughputResult {
  mode: 'engine' | 'raw';
  cases: number;
  concurrency: number;
  /** Requests the stubs received (both sides). */
  requests: number;
  expectedRequests: number;
  wallMs: number;
  /** Start → the first request at a stub, and the last request at a stub → done, ms: fixed costs around the traffic. */
  headMs: number;
  tailMs: number;
  casesPerSec: number;
  requestsPerSec: number;
  /** CPU time (user + system) this process spent in the measured region, per case, µs: less sensitive to other load than wall time. */
  cpuPerCaseUs: number;
  peakRssMiB: number;
  /** Engine runs: bytes of each report file written (reports are on, as users run it). */
  reportBytes?: Record<string, number>;
  maxRssMiB: number;
  /** Engine only: case outcomes, to show the run did what it should (all passed). */
  statuses?: Partial<Record<CaseStatus, number>>;
  /** Engine only: differences excused as noise (`seq`, `requestId`): evidence the comparison ran. */
  noiseDifferences?: number;
  /** Engine only: the first error seen, if any case did not pass. */
  firstProblem?: string;
  failures?: number;
}

const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      mode: { type: 'string' },
      concurrency: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const cases = Number(values.cases ?? throughputDefaults.cases);
  const concurrency = Number(values.concurrency ?? throughputDefaults.concurrency);
  const mode = values.mode ?? throughputDefaults.mode;
  if (mode !== 'engine' && mode !== 'raw') throw new Error(`--mode must be "engine" or "raw", got "${mode}"`);
  if (!(cases >= 1) || !(concurrency >= 1)) throw new Error('--cases and --concurrency must be positive numbers');

  const stubs = await startStubProcess({ latencyMs: 0, recordArrivals: true });
  const root = mkdtempSync(path.join(os.tmpdir(), 'parity-bench-'));
  try {
    const result = mode === 'engine' ? await measureEngine(root, stubs.urls, cases, concurrency) : await measureRaw(stubs.urls, cases, concurrency);
    const stats = await stubs.stats();
    result.requests = stats.legacy.requests + stats.candidate.requests;
    const arrivals = [...stats.legacy.arrivals, ...stats.candidate.arrivals];
    const first = arrivals.reduce((a, b) => Math.min(a, b), Infinity);
    const last = arrivals.reduce((a, b) => Math.max(a, b), -Infinity);
    result.headMs = Math.round(first - result.headMs);
    result.tailMs = Math.round(result.tailMs - last);
    result.requestsPerSec = Math.round((result.requests / result.wallMs) * 1000);
    writeResult(values.out, result);
  } finally {
    await stubs.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

async function measureEngine(root: string, urls: { legacy: string; candidate: string }, cases: number, concurrency: number): Promise<ThroughputResult> {
  const { api } = defaultBenchSuitesOptions;
  writeSuites(root, { ...defaultBenchSuitesOptions, cases });
  const processEnv = benchProcessEnv({ api, urls, concurrency, noiseCalls: throughputDefaults.noiseCalls });
  // Loaded here, not at the top: the raw loop's process must not carry the engine's modules.
  // (`require`, not `import()`: esbuild-register leaves import() to Node's ESM resolver, which
  // does not resolve extensionless .ts paths.)
  const { runParity } = require('../../src/engine/runParity') as typeof import('../../src/engine/runParity');
  // Reports ON, as users run it: every case streamed to cases.ndjson, every report written, no
  // case kept in memory (retainCases: false); the figures include writing the reports.
  const reportsDir = path.join(root, 'reports');
  const { value: { run }, measured } = await measure(() => runParity({ root, processEnv, reportsDir, retainCases: false }));
  const s = run.summary;
  const statuses: Partial<Record<CaseStatus, number>> = { passed: s.passed, failed: s.failed, error: s.errors, skipped: s.skipped, interrupted: s.interrupted };
  const noiseDifferences = s.noise;
  let firstProblem: string | undefined;
  if (s.passed !== s.total) firstProblem = `${s.total - s.passed} of ${s.total} cases did not pass: ${(s.verdictReasons ?? []).join(' ')}`;
  const suiteErrors = run.suites.filter((suite) => suite.error);
  if (suiteErrors.length > 0) firstProblem ??= `suite load error: ${suiteErrors[0]!.error!.message}`;
  const reportBytes = Object.fromEntries(readdirSync(reportsDir).filter((f) => !f.startsWith('.')).map((f) => [f, statSync(path.join(reportsDir, f)).size]));
  process.stderr.write(`report bytes per case: ${Object.entries(reportBytes).map(([f, b]) => `${f} ${Math.round(b / Math.max(1, s.total))}`).join(', ')}\n`);
  return {
    ...figures('engine', s.total, cases, concurrency, measured),
    reportBytes,
    statuses,
    noiseDifferences,
    ...(firstProblem ? { firstProblem } : {}),
  };
}

async function measureRaw(urls: { legacy: string; candidate: string }, cases: number, concurrency: number): Promise<ThroughputResult> {
  const { value: raw, measured } = await measure(() => runRawUndiciLoop({ urls, cases, concurrency, legacyCalls: throughputDefaults.noiseCalls }));
  return {
    ...figures('raw', cases, cases, concurrency, measured),
    failures: raw.failures,
  };
}

interface Measured {
  started: number;
  ended: number;
  cpu: NodeJS.CpuUsage;
  rss: ReturnType<ReturnType<typeof startRssSampler>['stop']>;
}

/** Wall time, CPU and peak RSS of one awaited piece of work, measured the same way for both modes. */
async function measure<T>(work: () => Promise<T>): Promise<{ value: T; measured: Measured }> {
  const sampler = startRssSampler();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const ended = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  return { value, measured: { started, ended, cpu, rss: sampler.stop() } };
}

function figures(mode: 'engine' | 'raw', casesRun: number, casesPlanned: number, concurrency: number, m: Measured) {
  const wallMs = m.ended - m.started;
  return {
    mode,
    cases: casesRun,
    concurrency,
    requests: 0,
    expectedRequests: casesPlanned * (throughputDefaults.noiseCalls + 1),
    wallMs: Math.round(wallMs),
    // Epoch start and end for now; main() turns them into head and tail once the stubs report.
    headMs: performance.timeOrigin + m.started,
    tailMs: performance.timeOrigin + m.ended,
    casesPerSec: Math.round((casesRun / wallMs) * 1000),
    requestsPerSec: 0,
    cpuPerCaseUs: Math.round((m.cpu.user + m.cpu.system) / casesRun),
    peakRssMiB: mib(m.rss.peakSampledBytes),
    maxRssMiB: mib(m.rss.maxRssBytes),
  } satisfies Partial<ThroughputResult>;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
