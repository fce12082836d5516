import { suiteHostKey, type SuiteHost } from '../../src/jest/suiteHost';

// Plain JS, loaded by Jest without a transform: required as Jest requires it.
const transform = require('../../src/jest/suiteTransform.cjs') as { process(source: string, filename: string): { code: string } };

/** Runs the module the transform makes, as Jest would: with the test file's `describe` and `test` in scope. */
function runModule(filename: string, globals: { describe: unknown; test: unknown }): void {
  const { code } = transform.process('suite: any\n', filename);
  new Function('describe', 'test', code)(globals.describe, globals.test);
}

describe('the module a suite file becomes', () => {
  const globalWithHost = globalThis as unknown as Record<symbol, SuiteHost | undefined>;
  afterEach(() => {
    delete globalWithHost[suiteHostKey];
  });

  it('hands its file and its own describe and test to the engine the test environment put on its global', () => {
    const defineParitySuite = jest.fn();
    globalWithHost[suiteHostKey] = { defineParitySuite };
    const globals = { describe: () => undefined, test: () => undefined };
    runModule('/project/suites/orders.yaml', globals);
    expect(defineParitySuite).toHaveBeenCalledWith('/project/suites/orders.yaml', globals);
  });

  it('fails with how to fix it when the suite file runs without the parity test environment', () => {
    expect(() => runModule('/project/suites/orders.yaml', { describe: undefined, test: undefined })).toThrow(/testEnvironment to src\/jest\/environment\.cjs/);
  });
});
