import NodeEnvironment from 'jest-environment-node';
import { defineParitySuite } from './defineParitySuite';
import { suiteHostKey, type SuiteHost } from './suiteHost';

const host: SuiteHost = { defineParitySuite };

/**
 * The test environment of suite files (`testEnvironment` in jest.config.ts): Node's, plus the
 * parity engine on the test file's global (`suiteHostKey`), where the module the suite transform
 * makes from a `.yaml` file finds it.
 *
 * Why: every Jest test file gets a fresh module registry, so an engine `require`d by the test
 * module is evaluated again for each suite file — the compare, execute and report code, its
 * dependencies, cold JIT each time. Jest loads a test environment with Node's own `require`
 * (through the project's transform, like the global setup), once per process: the engine imported
 * here is evaluated once per worker, and in band it is the very instance the global setup opened
 * the session with, so cases run on that session directly (`attachWorker`). Nothing else about a
 * test file changes: Jest still schedules, filters (`-t`, paths, `--shard`), bails and watches.
 */
export default class ParityEnvironment extends NodeEnvironment {
  constructor(...args: ConstructorParameters<typeof NodeEnvironment>) {
    super(...args);
    (this.global as unknown as Record<symbol, SuiteHost>)[suiteHostKey] = host;
  }
}
