import { Pool } from 'undici';
import type { TargetName } from '../../src/model/result';

export interface RawLoopOptions {
  urls: Record<TargetName, string>;
  cases: number;
  /** Cases at once, and connections per target (the engine's PARITY_CONCURRENCY and *_CONCURRENCY). */
  concurrency: number;
  /** Legacy calls per case (the engine's noise baseline: 2). */
  legacyCalls: number;
}

export interface RawLoopResult {
  requests: number;
  bytes: number;
  failures: number;
}

/**
 * The floor the engine is measured against: the same request pattern with nothing but undici —
 * per case, the legacy side `legacyCalls` times in sequence while the candidate is called once,
 * `concurrency` cases at once, one keep-alive Pool per target with `concurrency` connections,
 * every body read to the end. No pacing, templating, recording, redaction or comparison.
 */
export async function runRawUndiciLoop(options: RawLoopOptions): Promise<RawLoopResult> {
  const pools = {
    legacy: new Pool(options.urls.legacy, { connections: options.concurrency, pipelining: 1 }),
    candidate: new Pool(options.urls.candidate, { connections: options.concurrency, pipelining: 1 }),
  };
  const result: RawLoopResult = { requests: 0, bytes: 0, failures: 0 };
  const get = async (target: TargetName, path: string): Promise<void> => {
    const res = await pools[target].request({ method: 'GET', path, headers: { authorization: `Bearer bench-${target}-static-token-0123456789` } });
    const body = Buffer.from(await res.body.arrayBuffer());
    result.requests += 1;
    result.bytes += body.length;
    if (res.statusCode !== 200) result.failures += 1;
  };
  const runCase = async (c: number): Promise<void> => {
    const path = `/items/${c}`;
    await Promise.all([
      (async () => {
        for (let call = 0; call < options.legacyCalls; call += 1) await get('legacy', path);
      })(),
      get('candidate', path),
    ]);
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.cases) await runCase(next++);
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    await Promise.all([pools.legacy.close(), pools.candidate.close()]);
  }
  return result;
}
