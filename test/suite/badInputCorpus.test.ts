import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HarnessError, SuiteError } from '../../src/errors';
import { loadSuiteFile } from '../../src/suite/loadSuiteFile';

/**
 * The suite half of the bad-input corpus: every `test/fixtures/bad-input/suites/<case>.yaml` is
 * a user mistake, and `<case>.expected.json` is the exact error it must produce (class, message,
 * hint, file, line, column, key path). Adding a regression is adding two files.
 */
const root = path.join(__dirname, '../fixtures/bad-input');
const dir = path.join(root, 'suites');
const inputs = readdirSync(dir).filter((file) => file.endsWith('.yaml')).sort();

interface Expected {
  name: string;
  message: string;
  hint?: string;
  file: string;
  line?: number;
  column?: number;
  path?: string;
}

describe('bad suite files', () => {
  it('pairs every input with an expected error and the other way round', () => {
    const expected = readdirSync(dir).filter((file) => file.endsWith('.expected.json'));
    expect(expected.map((file) => file.replace('.expected.json', '.yaml')).sort()).toEqual(inputs);
  });

  it.each(inputs)('%s fails with exactly the expected error, and no stack trace in its message', (input) => {
    const expected = JSON.parse(readFileSync(path.join(dir, input.replace(/\.yaml$/, '.expected.json')), 'utf8')) as Expected;
    let caught: unknown;
    try {
      loadSuiteFile(`suites/${input}`, { root });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SuiteError);
    const error = caught as HarnessError;
    expect({ name: error.name, message: error.message, hint: error.hint, file: error.file, line: error.line, column: error.column, path: error.path }).toEqual({
      hint: undefined,
      line: undefined,
      column: undefined,
      path: undefined,
      ...expected,
    });
    expect(error.message).not.toMatch(/\n\s+at /);
  });
});
