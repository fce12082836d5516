/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';
import path from 'node:path';
import { sharedConfig } from '../../jest.shared';

/**
 * Tests on artifacts nobody on this team wrote: `npm run test:realworld`. They read
 * `../shared/real-world/` beside the clone (CI has it, a user's clone does not), so they are not
 * part of `npm run test:harness`; `.ci/run` calls this tier on its own.
 */
const root = path.resolve(__dirname, '..', '..');

export default {
  ...sharedConfig,
  rootDir: root,
  displayName: 'real-world',
  testMatch: ['<rootDir>/test/realworld/**/*.test.ts'],
  testTimeout: 120_000,
} satisfies Config;
