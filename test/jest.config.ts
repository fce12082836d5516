/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';
import path from 'node:path';
import { sharedConfig } from '../jest.shared';

/** The harness's own tests: `npm run test:harness`. */
const root = path.resolve(__dirname, '..');

export default {
  ...sharedConfig,
  rootDir: root,
  displayName: 'harness',
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/src/**/*.test.ts'],
  // test/realworld/ reads ../shared/real-world/, which a user's clone does not have: its own tier.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/realworld/'],
  testTimeout: 60_000,
  reporters: [
    'default',
    ['jest-junit', { outputDirectory: path.join(root, 'reports', 'self-test'), outputName: 'junit.xml', addFileAttribute: 'true', reportTestSuiteErrors: 'true' }],
  ],
} satisfies Config;
