import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixedVariableNames, isKnownVariable } from '../../src/config/variables';

const example = readFileSync(path.join(__dirname, '../../env/example.env'), 'utf8');
/** Names set in the file, or shown commented out as `# NAME=…`. */
const documented = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!);

describe('env/example.env', () => {
  it('documents every variable the harness reads (PARITY_ENV aside, which selects the file)', () => {
    const mentioned = (name: string) => new RegExp(`(?:^|[^A-Z0-9_])${name}(?![A-Z0-9_])`, 'm').test(example);
    const missing = fixedVariableNames().filter((name) => name !== 'PARITY_ENV' && !mentioned(name));
    expect(missing).toEqual([]);
  });

  it('shows only variables the loader knows', () => {
    expect(documented.filter((name) => !isKnownVariable(name))).toEqual([]);
  });
});
