'use strict';
/**
 * Jest's `globalSetup` for parity runs (jest.config.ts): `globalSetup.ts`, loaded from dist/ while
 * the build is fresh (`bin/harness.cjs`) — Jest would otherwise compile its whole module graph, the
 * engine included, on every start — and from src/ after an edit.
 * Plain JS: Jest loads it without transforming it.
 */
const { loadHarnessModule } = require('../../bin/harness.cjs');

module.exports = (...args) => loadHarnessModule('jest/globalSetup').default(...args);
