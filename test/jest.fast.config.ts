/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';
import harness from './jest.config';

/**
 * The inner loop: `npm run test:fast` — unit and component tests, no child processes of the whole
 * harness, no browser. The end-to-end (`test/e2e/`), robustness (`test/robustness/`), CI-recipe
 * (`test/ci/`) and browser tests (`*Browser*.test.ts`) stay in `npm run test:harness`, which runs
 * everything.
 */
export default {
  ...harness,
  displayName: 'fast',
  testPathIgnorePatterns: [
    ...(harness.testPathIgnorePatterns ?? []),
    '<rootDir>/test/e2e/',
    '<rootDir>/test/robustness/',
    // The CI-recipe lint runs actionlint and GitLab's schema in child processes; `npm run lint:ci` is its loop.
    '<rootDir>/test/ci/',
    '[Bb]rowser[^/]*\\.test\\.ts$',
  ],
  // Jest's default is one worker fewer than the cores: a single worker on a two-core machine. These
  // tests wait on loopback I/O and timers about a third of the time, so one and a half workers per
  // core keep the cores busy (measured on two cores: 52 s with one worker, 33 s with two, 28 s with three).
  maxWorkers: '150%',
  reporters: ['default'],
} satisfies Config;
