/**
 * Figure (b), pacing efficiency:
 *
 *   node -r esbuild-register scripts/bench/pacing.ts [--out result.json]
 *
 * 1. End to end: `runParity` against stubs that answer after a fixed latency, with
 *    LEGACY_/CANDIDATE_RATE_LIMIT_PER_MIN set so the run is rate-bound for several seconds.
 * 2. Scaled window: the engine's pacer (`createLocalPacer`, window shortened to 1 s) in front of the
 *    engine's `sendRequest`, so the per-window quota itself binds — a per-minute quota cannot bind
 *    in a run of a few seconds.
 *
 * Efficiency = theoretical minimum wall time ÷ measured wall time. The theoretical minimum is the
 * larger of the rate bound (requests ÷ rate) and the latency bound (requests × latency ÷
 * concurrency), for the busier target. The stubs record every arrival; the most arrivals in any
 * window of the quota's length must not exceed the quota.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runParity } from '../../src/engine/runParity';
import { createLocalPacer } from '../../src/execute/pacer';
import { Redactor } from '../../src/execute/redactor';
import { sendRequest } from '../../src/execute/sendRequest';
import type { SendSettings } from '../../src/execute/types';
import { benchProcessEnv } from './benchProcessEnv';
import { maxInWindow } from './maxInWindow';
import { startStubProcess } from './startStubProcess';
import type { StubTargetStats } from './stubProtocol';
import { writeResult } from './writeResult';
import { defaultBenchSuitesOptions, writeSuites } from './writeSuites';

const pacingDefaults = {
  latencyMs: 20,
  endToEnd: { cases: 300, ratePerMin: 6_000, concurrency: 8, noiseCalls: 2 },
  scaled: { requests: 300, perWindow: 50, windowMs: 1_000, concurrency: 8 },
} as const;

interface PacingScenario {
  name: string;
  requests: { legacy: number; candidate: number };
  wallMs: number;
  theoreticalMs: number;
  /** What bounds the theoretical minimum: 'rate' or 'latency'. */
  bound: 'rate' | 'latency';
  efficiency: number;
  windowMs: number;
  limitPerWindow: number;
  /** The most arrivals the stub saw in any window of `windowMs`, per target. */
  maxInWindow: { legacy: number; candidate: number };
  /** Informational: the most arrivals in any 1 s window, against rate/60 per second. */
  maxInOneSecond?: { legacy: number; candidate: number };
  /** Where the wall time went, for the busier target: ms from start to its first arrival, the mean gap between arrivals, and ms from its last arrival to the end. */
  timeline: { firstArrivalMs: number; meanGapMs: number; idealGapMs: number; afterLastArrivalMs: number };
  casesPassed?: number;
  failures: number;
}

export interface PacingResult {
  latencyMs: number;
  scenarios: PacingScenario[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const endToEnd = await measureEndToEnd();
  const scaled = await measureScaledWindow();
  writeResult(values.out, { latencyMs: pacingDefaults.latencyMs, scenarios: [endToEnd, scaled] } satisfies PacingResult);
}

function busier(stats: { legacy: StubTargetStats; candidate: StubTargetStats }): StubTargetStats {
  return stats.legacy.requests >= stats.candidate.requests ? stats.legacy : stats.candidate;
}

function theoretical(requests: number, ratePerMs: number, concurrency: number): { ms: number; bound: 'rate' | 'latency' } {
  const rateBound = requests / ratePerMs;
  const latencyBound = (requests * pacingDefaults.latencyMs) / concurrency;
  return rateBound >= latencyBound ? { ms: rateBound, bound: 'rate' } : { ms: latencyBound, bound: 'latency' };
}

async function measureEndToEnd(): Promise<PacingScenario> {
  const { cases, ratePerMin, concurrency, noiseCalls } = pacingDefaults.endToEnd;
  const stubs = await startStubProcess({ latencyMs: pacingDefaults.latencyMs, recordArrivals: true });
  const root = mkdtempSync(path.join(os.tmpdir(), 'parity-bench-pacing-'));
  try {
    writeSuites(root, { ...defaultBenchSuitesOptions, cases });
    const processEnv = benchProcessEnv({ api: defaultBenchSuitesOptions.api, urls: stubs.urls, concurrency, noiseCalls, rateLimitPerMin: ratePerMin });
    const started = epochNow();
    const { run } = await runParity({ root, processEnv, reportsDir: false });
    const ended = epochNow();
    const wallMs = ended - started;
    const stats = await stubs.stats();
    const requests = { legacy: stats.legacy.requests, candidate: stats.candidate.requests };
    const ratePerMs = ratePerMin / 60_000;
    const bounds = [theoretical(requests.legacy, ratePerMs, concurrency), theoretical(requests.candidate, ratePerMs, concurrency)];
    const best = bounds.reduce((a, b) => (b.ms > a.ms ? b : a));
    const passed = run.cases.filter((c) => c.status === 'passed').length;
    return {
      name: `runParity, ${cases} cases, RATE_LIMIT_PER_MIN=${ratePerMin}, latency ${pacingDefaults.latencyMs} ms, concurrency ${concurrency}`,
      requests,
      wallMs: Math.round(wallMs),
      theoreticalMs: Math.round(best.ms),
      bound: best.bound,
      efficiency: round3(best.ms / wallMs),
      windowMs: 60_000,
      limitPerWindow: ratePerMin,
      maxInWindow: { legacy: maxInWindow(stats.legacy.arrivals, 60_000), candidate: maxInWindow(stats.candidate.arrivals, 60_000) },
      maxInOneSecond: { legacy: maxInWindow(stats.legacy.arrivals, 1_000), candidate: maxInWindow(stats.candidate.arrivals, 1_000) },
      timeline: timeline(busier(stats).arrivals, started, ended, 60_000 / ratePerMin),
      casesPassed: passed,
      failures: run.cases.length - passed,
    };
  } finally {
    await stubs.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

async function measureScaledWindow(): Promise<PacingScenario> {
  const { requests, perWindow, windowMs, concurrency } = pacingDefaults.scaled;
  const stubs = await startStubProcess({ latencyMs: pacingDefaults.latencyMs, recordArrivals: true });
  // `perMinute` is "per window": with windowMs 1 000 it is the quota per second.
  const limit = { perMinute: perWindow, concurrency };
  const pacer = createLocalPacer({ legacy: limit, candidate: limit }, { windowMs });
  const settings: SendSettings = {
    timeoutMs: 10_000,
    tlsVerify: true,
    followRedirects: 'never',
    retry: { throttled: 0, transient: 0, backoffMs: 0 },
    maxRecordedBodyBytes: 1024 * 1024,
    redactor: new Redactor(),
    pacer,
  };
  try {
    let next = 0;
    let failures = 0;
    const worker = async (): Promise<void> => {
      while (next < requests) {
        const n = next++;
        const exchange = await sendRequest(
          { target: 'legacy', method: 'GET', url: `${stubs.urls.legacy}/items/${n}`, headers: { authorization: 'Bearer bench' }, idempotent: true },
          settings,
        );
        if (exchange.error || exchange.response?.status !== 200) failures += 1;
      }
    };
    const started = epochNow();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const ended = epochNow();
    const wallMs = ended - started;
    const stats = await stubs.stats();
    const best = theoretical(stats.legacy.requests, perWindow / windowMs, concurrency);
    return {
      name: `pacer + sendRequest, ${requests} requests, ${perWindow} per ${windowMs} ms window, latency ${pacingDefaults.latencyMs} ms, concurrency ${concurrency}`,
      requests: { legacy: stats.legacy.requests, candidate: stats.candidate.requests },
      wallMs: Math.round(wallMs),
      theoreticalMs: Math.round(best.ms),
      bound: best.bound,
      efficiency: round3(best.ms / wallMs),
      windowMs,
      limitPerWindow: perWindow,
      maxInWindow: { legacy: maxInWindow(stats.legacy.arrivals, windowMs), candidate: maxInWindow(stats.candidate.arrivals, windowMs) },
      timeline: timeline(stats.legacy.arrivals, started, ended, windowMs / perWindow),
      failures,
    };
  } finally {
    await pacer.close();
    await stubs.stop();
  }
}

function timeline(arrivals: readonly number[], startedEpoch: number, endedEpoch: number, idealGapMs: number): PacingScenario['timeline'] {
  const sorted = [...arrivals].sort((a, b) => a - b);
  const first = sorted[0] ?? startedEpoch;
  const last = sorted[sorted.length - 1] ?? endedEpoch;
  return {
    firstArrivalMs: round3(first - startedEpoch),
    meanGapMs: round3(sorted.length > 1 ? (last - first) / (sorted.length - 1) : 0),
    idealGapMs: round3(idealGapMs),
    afterLastArrivalMs: round3(endedEpoch - last),
  };
}

const epochNow = (): number => performance.timeOrigin + performance.now();

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
