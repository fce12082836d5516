/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';
import { availableParallelism } from 'node:os';
import harness from './jest.config';

/**
 * The inner loop: `npm run test:fast` — unit and component tests, no child processes of the whole
 * harness, no browser. The end-to-end (`test/e2e/`, and the Jest worker test), robustness
 * (`test/robustness/`, large bodies among them), CI-recipe (`test/ci/`) and browser tests
 * (`*Browser*.test.ts`) stay in `npm run test:harness`, which runs everything.
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
    // Starts real Jest worker processes against a run session: an end-to-end test of the shell.
    '<rootDir>/test/jest/workerPacing\\.test\\.ts$',
  ],
  // Jest's default is one worker fewer than the cores: a single worker on a two-core machine. These
  // tests wait on loopback I/O and timers about a third of the time, so one and a half workers per
  // core keep the cores busy. A number, not '150%': Jest reads a percentage over 100 as a plain
  // count, and '150%' started 150 workers on two cores.
  maxWorkers: Math.max(1, Math.round(availableParallelism() * 1.5)),
  reporters: ['default'],
} satisfies Config;
