'use strict';
/**
 * Jest transform for suite files: a `.yaml` suite becomes a tiny test module that asks the
 * parity layer to define one test per case. The YAML itself is parsed (and validated) when the
 * test file runs, so a malformed suite becomes a reported error of that file instead of a crash
 * of the whole run. Plain JS because Jest loads transformers without transforming them.
 */
const crypto = require('node:crypto');
const path = require('node:path');

const defineModule = path.join(__dirname, 'defineParitySuite.ts');

module.exports = {
  process(_source, filename) {
    return {
      code: `require(${JSON.stringify(defineModule)}).defineParitySuite(${JSON.stringify(filename)});\n`,
    };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha256').update('parity-suite-v1\0').update(filename).update('\0').update(source).digest('hex');
  },
};
