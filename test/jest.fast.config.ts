/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';
import harness from './jest.config';

/**
 * The inner loop: `npm run test:fast` — unit and component tests, no child processes of the whole
 * harness, no browser. The end-to-end (`test/e2e/`), robustness (`test/robustness/`) and browser
 * tests (`*Browser*.test.ts`) stay in `npm run test:harness`, which runs everything.
 */
export default {
  ...harness,
  displayName: 'fast',
  testPathIgnorePatterns: [
    ...(harness.testPathIgnorePatterns ?? []),
    '<rootDir>/test/e2e/',
    '<rootDir>/test/robustness/',
    '[Bb]rowser[^/]*\\.test\\.ts$',
  ],
  reporters: ['default'],
} satisfies Config;
