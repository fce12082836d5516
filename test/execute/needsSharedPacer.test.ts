import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEnvConfig } from '../../src/config/loadEnvConfig';
import { needsSharedPacer } from '../../src/execute/needsSharedPacer';

describe('whether the Jest workers must take their turns from the parent’s pacer', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'parity-shared-pacer-'));
    mkdirSync(path.join(root, 'baselines', 'legacy'), { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** The targets as the harness reads them from variables (no env file). */
  const targets = (variables: Record<string, string> = {}) =>
    loadEnvConfig({
      root,
      processEnv: {
        PARITY_SANDBOX: 'false',
        LEGACY_PROFILE: 'generic',
        CANDIDATE_PROFILE: 'generic',
        LEGACY_GRANT: 'none',
        CANDIDATE_GRANT: 'none',
        LEGACY_API_SHOP_URL: 'http://127.0.0.1:1',
        CANDIDATE_API_SHOP_URL: 'http://127.0.0.1:2',
        ...variables,
      },
    }).targets;

  it('shares the pacer whenever a target has a rate limit, even for a single worker running one case at a time', () => {
    expect(needsSharedPacer(targets({ CANDIDATE_RATE_LIMIT_PER_MIN: '600', CANDIDATE_CONCURRENCY: '100' }), { processes: 1, casesEach: 1 })).toBe(true);
  });

  it('shares the pacer when the workers together could exceed a concurrency cap, counting the parent’s token request', () => {
    // The default cap is 4 per target: 2 workers × 5 concurrent cases could put 10 (+1) in flight.
    expect(needsSharedPacer(targets(), { processes: 2, casesEach: 5 })).toBe(true);
    expect(needsSharedPacer(targets({ LEGACY_CONCURRENCY: '11', CANDIDATE_CONCURRENCY: '10' }), { processes: 2, casesEach: 5 })).toBe(true);
  });

  it('lets every worker pace itself when no rate limit is set and no cap can be exceeded', () => {
    expect(needsSharedPacer(targets({ LEGACY_CONCURRENCY: '11', CANDIDATE_CONCURRENCY: '11' }), { processes: 2, casesEach: 5 })).toBe(false);
    expect(needsSharedPacer(targets(), { processes: 1, casesEach: 3 })).toBe(false);
  });

  it('ignores the limits of a side replayed from a recorded baseline, which is never called', () => {
    const replayed = targets({ LEGACY_BASELINE: 'baselines/legacy', LEGACY_RATE_LIMIT_PER_MIN: '60', LEGACY_CONCURRENCY: '1', CANDIDATE_CONCURRENCY: '64' });
    expect(needsSharedPacer(replayed, { processes: 4, casesEach: 5 })).toBe(false);
  });
});
