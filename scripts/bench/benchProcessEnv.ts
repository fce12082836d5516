import type { TargetName } from '../../src/model/result';

export interface BenchEnvOptions {
  api: string;
  urls: Record<TargetName, string>;
  /** Cases at once (`PARITY_CONCURRENCY`) and requests in flight per target (`*_CONCURRENCY`). */
  concurrency: number;
  /** `PARITY_NOISE_CALLS`: 2 = the legacy side is called twice per idempotent step. */
  noiseCalls: number;
  /** `*_RATE_LIMIT_PER_MIN`, or undefined for unlimited. */
  rateLimitPerMin?: number;
}

/**
 * The whole configuration of a benchmark run as variables (runParity's `processEnv`), with no env
 * file: both sides generic, static tokens, no sandbox. Nothing from the real process environment
 * is passed, so a developer's exported LEGACY_* cannot leak into the measurement.
 */
export function benchProcessEnv(options: BenchEnvOptions): NodeJS.ProcessEnv {
  const api = options.api.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  const env: NodeJS.ProcessEnv = {
    PARITY_SANDBOX: 'false',
    PARITY_PRODUCTION: 'false',
    PARITY_NOISE_CALLS: String(options.noiseCalls),
    PARITY_CONCURRENCY: String(options.concurrency),
  };
  for (const [target, prefix] of [
    ['legacy', 'LEGACY'],
    ['candidate', 'CANDIDATE'],
  ] as const) {
    env[`${prefix}_PROFILE`] = 'generic';
    env[`${prefix}_GRANT`] = 'static';
    env[`${prefix}_TOKEN`] = `bench-${target}-static-token-0123456789`;
    env[`${prefix}_API_${api}_URL`] = options.urls[target];
    env[`${prefix}_CONCURRENCY`] = String(options.concurrency);
    if (options.rateLimitPerMin !== undefined) env[`${prefix}_RATE_LIMIT_PER_MIN`] = String(options.rateLimitPerMin);
  }
  return env;
}
