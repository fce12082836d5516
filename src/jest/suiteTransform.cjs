'use strict';
/**
 * Jest transform for suite files: a `.yaml` suite becomes a tiny test module that asks the
 * parity engine to define one test per case. The engine is not `require`d here: the test
 * environment (parityEnvironment.ts) loaded it once for the whole process and put it on the test
 * file's global, so no suite file evaluates the engine again in its own module registry. The YAML
 * itself is parsed (and validated) when the test file runs, so a malformed suite becomes a
 * reported error of that file instead of a crash of the whole run. Plain JS because Jest loads
 * transformers without transforming them.
 */
const crypto = require('node:crypto');

/** The same registered symbol as `suiteHostKey` in suiteHost.ts. */
const hostKey = 'choreo-parity.suiteHost';
const missingHost =
  'suite files run in the parity test environment: use the parity Jest config (npm test), or set testEnvironment to src/jest/environment.cjs in yours';

module.exports = {
  process(_source, filename) {
    return {
      code: [
        `const host = globalThis[Symbol.for(${JSON.stringify(hostKey)})];`,
        `if (!host) throw new Error(${JSON.stringify(missingHost)});`,
        `host.defineParitySuite(${JSON.stringify(filename)}, { describe, test });`,
        '',
      ].join('\n'),
    };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha256').update('parity-suite-v2\0').update(filename).update('\0').update(source).digest('hex');
  },
};
