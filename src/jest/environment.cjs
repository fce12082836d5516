'use strict';
/**
 * Jest's `testEnvironment` for suite files: `parityEnvironment.ts`, from the same copy of the engine
 * as the global setup (`bin/harness.cjs`) — in band, the very instance that opened the run session.
 * Plain JS: Jest loads it without transforming it.
 */
const { loadHarnessModule } = require('../../bin/harness.cjs');

module.exports = loadHarnessModule('jest/parityEnvironment').default;
