import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, HarnessError } from '../../src/errors';
import { loadEnvConfig } from '../../src/config/loadEnvConfig';

/**
 * The env half of the bad-input corpus: every `test/fixtures/bad-input/env/<case>.env` is a
 * configuration mistake, loaded as environment `<case>` with an empty process environment, and
 * `<case>.expected.json` is the exact error it must produce.
 */
const root = path.join(__dirname, '../fixtures/bad-input');
const dir = path.join(root, 'env');
const inputs = readdirSync(dir).filter((file) => file.endsWith('.env')).sort();

describe('bad env files', () => {
  it('pairs every input with an expected error and the other way round', () => {
    const expected = readdirSync(dir).filter((file) => file.endsWith('.expected.json'));
    expect(expected.map((file) => file.replace('.expected.json', '.env')).sort()).toEqual(inputs);
  });

  it.each(inputs)('%s fails with exactly the expected error, and no stack trace in its message', (input) => {
    const expected = JSON.parse(readFileSync(path.join(dir, input.replace(/\.env$/, '.expected.json')), 'utf8')) as Record<string, unknown>;
    let caught: unknown;
    try {
      loadEnvConfig({ root, envName: input.replace(/\.env$/, ''), processEnv: {} });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as HarnessError;
    expect({ name: error.name, message: error.message, hint: error.hint, file: error.file, line: error.line, path: error.path }).toEqual({
      hint: undefined,
      line: undefined,
      path: undefined,
      ...expected,
    });
    expect(error.message).not.toMatch(/\n\s+at /);
  });
});
