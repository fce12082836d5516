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
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runParity } from '../../src/engine/runParity';
import type { CaseStatus } from '../../src/model/result';
import { benchProcessEnv } from './benchProcessEnv';
import { runRawUndiciLoop } from './rawUndiciLoop';
import { startRssSampler } from './rssSampler';
import { startStubProcess } from './startStubProcess';
import { writeResult } from './writeResult';
import { defaultBenchSuitesOptions, writeSuites } from './writeSuites';

export const throughputDefaults = { cases: 10_000, mode: 'engine', concurrency: 16, noiseCalls: 2 } as const;

export interface ThroughputResult {
  mode: 'engine' | 'raw';
  cases: number;
  concurrency: number;
  /** Requests the stubs received (both sides). */
  requests: number;
  expectedRequests: number;
  wallMs: number;
  casesPerSec: number;
  requestsPerSec: number;
  peakRssMiB: number;
  maxRssMiB: number;
  /** Engine only: case outcomes, to show the run did what it should (all passed). */
  statuses?: Partial<Record<CaseStatus, number>>;
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

  const stubs = await startStubProcess({ latencyMs: 0, recordArrivals: false });
  const root = mkdtempSync(path.join(os.tmpdir(), 'parity-bench-'));
  try {
    const result = mode === 'engine' ? await measureEngine(root, stubs.urls, cases, concurrency) : await measureRaw(stubs.urls, cases, concurrency);
    const stats = await stubs.stats();
    result.requests = stats.legacy.requests + stats.candidate.requests;
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
  const sampler = startRssSampler();
  const started = performance.now();
  const { run } = await runParity({ root, processEnv, reportsDir: false });
  const wallMs = performance.now() - started;
  const rss = sampler.stop();
  const statuses: Partial<Record<CaseStatus, number>> = {};
  let firstProblem: string | undefined;
  for (const result of run.cases) {
    statuses[result.status] = (statuses[result.status] ?? 0) + 1;
    if (result.status !== 'passed' && firstProblem === undefined) {
      firstProblem = `${result.id}: ${result.status}${result.error ? ` — ${result.error.name}: ${result.error.message}` : ''}`;
      const difference = result.steps.flatMap((step) => step.differences).find((d) => d.disposition === 'regression');
      if (difference) firstProblem += ` — ${JSON.stringify(difference).slice(0, 400)}`;
    }
  }
  const suiteErrors = run.suites.filter((suite) => suite.error);
  if (suiteErrors.length > 0) firstProblem ??= `suite load error: ${suiteErrors[0]!.error!.message}`;
  return {
    mode: 'engine',
    cases: run.cases.length,
    concurrency,
    requests: 0,
    expectedRequests: cases * (throughputDefaults.noiseCalls + 1),
    wallMs: Math.round(wallMs),
    casesPerSec: Math.round((run.cases.length / wallMs) * 1000),
    requestsPerSec: 0,
    peakRssMiB: mib(rss.peakSampledBytes),
    maxRssMiB: mib(rss.maxRssBytes),
    statuses,
    ...(firstProblem ? { firstProblem } : {}),
  };
}

async function measureRaw(urls: { legacy: string; candidate: string }, cases: number, concurrency: number): Promise<ThroughputResult> {
  const sampler = startRssSampler();
  const started = performance.now();
  const raw = await runRawUndiciLoop({ urls, cases, concurrency, legacyCalls: throughputDefaults.noiseCalls });
  const wallMs = performance.now() - started;
  const rss = sampler.stop();
  return {
    mode: 'raw',
    cases,
    concurrency,
    requests: 0,
    expectedRequests: cases * (throughputDefaults.noiseCalls + 1),
    wallMs: Math.round(wallMs),
    casesPerSec: Math.round((cases / wallMs) * 1000),
    requestsPerSec: 0,
    peakRssMiB: mib(rss.peakSampledBytes),
    maxRssMiB: mib(rss.maxRssBytes),
    failures: raw.failures,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
