import type { defineParitySuite } from './defineParitySuite';

/** What the test environment hands to a suite file's test module. */
export interface SuiteHost {
  defineParitySuite: typeof defineParitySuite;
}

/**
 * The global key the host is found under. A registered symbol is the same in every realm, so the
 * test module (in Jest's VM context) and the environment (in Node's) agree on it; the suite
 * transform (plain JS, suiteTransform.cjs) spells the same name.
 */
export const suiteHostKey = Symbol.for('choreo-parity.suiteHost');
