import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEnvConfig } from '../../src/config/loadEnvConfig';
import { loadSuiteFile } from '../../src/suite/loadSuiteFile';

/** Windows editors save UTF-8 with a byte-order mark (U+FEFF) at the start of the file. */
const bom = '\uFEFF';

describe('files saved with a UTF-8 byte-order mark', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'parity-bom-'));
    mkdirSync(path.join(root, 'env'));
    mkdirSync(path.join(root, 'suites'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads an env file whose first variable follows the mark', () => {
    writeFileSync(path.join(root, 'env', 'win.env'), `${bom}LEGACY_GRANT=none\nCANDIDATE_GRANT=none\nLEGACY_API_SHOP_URL=http://127.0.0.1:9/a\nCANDIDATE_API_SHOP_URL=http://127.0.0.1:9/b\n`);
    const config = loadEnvConfig({ root, envName: 'win', processEnv: {} });
    expect(config.targets.legacy.auth).toEqual({ kind: 'none' });
  });

  it('reads a suite whose first key follows the mark, with its positions unchanged', () => {
    const file = path.join(root, 'suites', 'win.yaml');
    writeFileSync(file, `${bom}suite: win\napi: shop\ncases:\n  - name: list\n    request: GET /items\n`);
    expect(loadSuiteFile(file, { root }).cases.map((testCase) => testCase.name)).toEqual(['list']);
  });
});
