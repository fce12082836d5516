import type { TargetName } from '../model/result';
import type { ProfileName, RunSettings } from './types';

/** The environment used when neither `--env` nor `PARITY_ENV` names one. */
export const defaultEnvName = 'sandbox';

/** Run-wide settings when nothing sets them. */
export const runDefaults = {
  concurrency: 8,
  requestTimeoutMs: 30_000,
  runTimeoutMs: 0,
  noiseCalls: 2,
  reportsDir: 'reports',
  allowWrites: false,
  strictContract: false,
  followRedirects: 'same-host',
  /**
   * 256 KiB: a person reads the differences and the head of a body, never a megabyte of it (the HTML
   * shows 2,000 lines); every byte kept is written into cases.ndjson, results.json, the HTML and
   * JUnit, and read back for each. A 1 MB body kept whole made a 40-case run's results.json 121 MB.
   */
  maxRecordedBodyBytes: 256 * 1024,
} as const satisfies RunSettings;

export const envDefaults = {
  production: false,
  sandbox: false,
  sandboxDrift: false,
  tokenMinLifetimeSec: 300,
  tokenScopes: 'equal',
} as const;

/**
 * Environment names that are production unless `PARITY_PRODUCTION=false` says otherwise: forgetting
 * the flag on the production file must not let a suite write to production.
 */
export const productionEnvNames: readonly string[] = ['production', 'prod'];

/** Per-target settings when nothing sets them. */
export const targetDefaults = {
  grant: 'client_credentials',
  tlsVerify: true,
  rateLimitPerMin: null,
  concurrency: 4,
  retryThrottled: 3,
  retryTransient: 2,
  retryBackoffMs: 200,
  /**
   * The API-key header of the api_key grant: `apikey` is WSO2 API Manager's default API-key
   * header, and the one Choreo's CORS configuration allows (facts §4: `apikey, testKey, Internal-Key`).
   */
  apiKeyHeader: 'apikey',
} as const;

/** API Cloud is the legacy side and Choreo the candidate unless a profile says otherwise. */
export const defaultProfiles: Record<TargetName, ProfileName> = { legacy: 'apicloud', candidate: 'choreo' };
