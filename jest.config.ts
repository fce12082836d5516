/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';
import { sharedConfig } from './jest.shared';

/**
 * `npm test`: every suite file under suites/ is one Jest test file and every case one test, so
 * `npm test -- suites/orders.yaml`, `-t "place an order"`, `--shard=1/2` and watch mode work as
 * Jest users expect. The global setup starts the built-in sandbox when the environment asks for
 * it; the global teardown writes the reports (junit.xml, parity-report.html, signoff.md,
 * results.json) from the one result model.
 */
export default {
  ...sharedConfig,
  rootDir: __dirname,
  displayName: 'parity',
  testMatch: ['<rootDir>/suites/**/!(_)*.{yaml,yml}', '<rootDir>/src/jest/tokenParity.check.ts'],
  moduleFileExtensions: [...sharedConfig.moduleFileExtensions, 'yaml', 'yml'],
  transform: {
    ...sharedConfig.transform,
    '\\.ya?ml$': '<rootDir>/src/jest/suiteTransform.cjs',
  },
  globalSetup: '<rootDir>/src/jest/globalSetup.ts',
  globalTeardown: '<rootDir>/src/jest/globalTeardown.ts',
  reporters: [['<rootDir>/src/jest/progressReporter.cjs', {}], 'summary'],
  // Each case bounds its own time (request timeouts × retries); this is only a last resort.
  testTimeout: 300_000,
} satisfies Config;
