/**
 * A stand-in for a Jest worker process, for workerPacing.test.ts: attaches to the run published
 * in its environment (PARITY_*, as Jest workers inherit it), defines the suite file given as
 * argv[2] through `defineParitySuite`, runs every test at once, prints how they ended as JSON, and
 * exits as jest-worker ends a worker.
 */
import { defineParitySuite } from '../../../src/jest/defineParitySuite';
import { collectTests } from './collectTests';

async function main(): Promise<void> {
  const { globals, run } = collectTests();
  defineParitySuite(process.argv[2]!, globals);
  process.stdout.write(`${JSON.stringify(await run())}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
