/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';
import path from 'node:path';
import { sharedConfig } from './jest.shared';

/** The harness's own Jest files, by absolute path: `--rootDir <project>` may point elsewhere. */
const harness = (file: string) => path.join(__dirname, 'src', 'jest', file);
const swc = require.resolve('@swc/jest');

/**
 * `npm test`: every suite file under suites/ is one Jest test file and every case one test, so
 * `npm test -- suites/orders.yaml`, `-t "place an order"`, `--shard=1/2` and watch mode work as
 * Jest users expect. The global setup opens the run session (the built-in sandbox when the
 * environment asks for it, the shared pacer, token parity); each test file attaches to it; the
 * global teardown finishes it: reports (junit.xml, parity-report.html, signoff.md, results.json),
 * the failure summary and the verdict, exactly as `parity run` gives them.
 */
export default {
  ...sharedConfig,
  rootDir: __dirname,
  displayName: 'parity',
  testMatch: ['<rootDir>/suites/**/!(_)*.{yaml,yml}'],
  moduleFileExtensions: [...sharedConfig.moduleFileExtensions, 'yaml', 'yml'],
  transform: {
    ...Object.fromEntries(Object.entries(sharedConfig.transform).map(([pattern, [, options]]) => [pattern, [swc, options]])),
    '\\.ya?ml$': harness('suiteTransform.cjs'),
  },
  // Loads the engine once per process and hands it to each suite file (see parityEnvironment.ts).
  // The three entries load the engine from dist/ while it is fresh, else from src/ (bin/harness.cjs).
  testEnvironment: harness('environment.cjs'),
  globalSetup: harness('setup.cjs'),
  globalTeardown: harness('teardown.cjs'),
  reporters: [[harness('progressReporter.cjs'), {}], 'summary'],
  // Each case bounds its own time (request timeouts × retries); this is only a last resort.
  testTimeout: 300_000,
} satisfies Config;
