import type { SuiteGlobals } from '../../../src/jest/defineParitySuite';

export interface CollectedRun {
  passed: number;
  failed: string[];
  skipped: number;
}

/**
 * `describe` and `test` as a suite file's test module passes them to `defineParitySuite`, minus
 * Jest: describe blocks run at once, tests are collected, and `run()` runs them all at once (as
 * `test.concurrent` does) and says how each ended. For driving the Jest layer outside Jest.
 */
export function collectTests(): { globals: SuiteGlobals; run(): Promise<CollectedRun> } {
  const tests: Array<{ name: string; fn: () => unknown }> = [];
  let skipped = 0;
  const add = (name: string, fn: () => unknown) => tests.push({ name, fn });
  const skip = () => {
    skipped += 1;
  };
  const test = Object.assign(add, { skip, concurrent: Object.assign(add, { only: add }) });
  const globals = { describe: (_name: string, fn: () => void) => fn(), test } as unknown as SuiteGlobals;
  return {
    globals,
    async run() {
      const outcomes = await Promise.allSettled(tests.map(async ({ fn }) => fn()));
      const failed = outcomes.flatMap((outcome, index) => (outcome.status === 'rejected' ? [`${tests[index]!.name}: ${String(outcome.reason)}`] : []));
      return { passed: outcomes.length - failed.length, failed, skipped };
    },
  };
}
