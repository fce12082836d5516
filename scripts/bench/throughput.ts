/**
 * Figure (a)'s baseline, one measurement per process so peak RSS belongs to it alone:
 *
 *   node -r esbuild-register scripts/bench/throughput.ts --cases 10000 [--concurrency 16] [--out result.json]
 *
 * The requests `parity run` sends for N bench cases (noise baseline on: the legacy side twice, the
 * candidate once), sent by a bare undici loop against the same two stub gateways in a separate
 * process. `cliScale.ts` measures `parity run` on the same cases.
 */
import { parseArgs } from 'node:util';
import { runRawUndiciLoop } from './rawUndiciLoop';
import { startRssSampler } from './rssSampler';
import { startStubProcess } from './startStubProcess';
import { writeResult } from './writeResult';

const throughputDefaults = { cases: 10_000, concurrency: 16, noiseCalls: 2 } as const;

export interface ThroughputResult {
  mode: 'raw';
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
  maxRssMiB: number;
  /** Responses that were not 200. */
  failures: number;
}

const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      concurrency: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const cases = Number(values.cases ?? throughputDefaults.cases);
  const concurrency = Number(values.concurrency ?? throughputDefaults.concurrency);
  if (!(cases >= 1) || !(concurrency >= 1)) throw new Error('--cases and --concurrency must be positive numbers');

  const stubs = await startStubProcess({ latencyMs: 0, recordArrivals: true });
  try {
    const result = await measureRaw(stubs.urls, cases, concurrency);
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
  }
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

function figures(mode: 'raw', casesRun: number, casesPlanned: number, concurrency: number, m: Measured) {
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
