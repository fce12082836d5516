import type { Config } from 'jest';

/**
 * Settings both Jest configurations share (`jest.config.ts` runs the parity suites,
 * `test/jest.config.ts` runs the harness's own tests).
 *
 * Several dependencies ship ESM only (p-limit 7 and its yocto-queue, jose 6). Node ≥ 20.19 can
 * `require()` them, but Jest's CommonJS module registry cannot, so Jest transforms exactly those
 * packages with swc, like our own TypeScript. Everything else in node_modules stays untouched.
 */
export const esmOnlyPackages = ['p-limit', 'yocto-queue', 'jose'];

const swc = (syntax: 'typescript' | 'ecmascript') =>
  [
    '@swc/jest',
    {
      jsc: { parser: { syntax }, target: 'es2022' },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ] as [string, Record<string, unknown>];

export const sharedConfig = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': swc('typescript'),
    '^.+\\.m?js$': swc('ecmascript'),
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
} satisfies Config;
