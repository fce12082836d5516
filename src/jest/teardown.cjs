'use strict';
/**
 * Jest's `globalTeardown` for parity runs: `globalTeardown.ts`, from the same copy of the engine as
 * the global setup (`bin/harness.cjs`). Plain JS: Jest loads it without transforming it.
 */
const { loadHarnessModule } = require('../../bin/harness.cjs');

module.exports = (...args) => loadHarnessModule('jest/globalTeardown').default(...args);
