import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SuiteError } from '../../src/errors';
import { loadSuiteFile } from '../../src/suite/loadSuiteFile';

describe('typed CSV columns in data-driven cases', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'parity-csv-'));
    mkdirSync(path.join(root, 'suites', 'data'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function load(csv: string) {
    writeFileSync(path.join(root, 'suites', 'data', 'rows.csv'), csv);
    const file = path.join(root, 'suites', 'rows.yaml');
    writeFileSync(file, ['api: pizzashack', 'cases:', '  - name: "row {{id}}"', '    each: data/rows.csv', '    request: GET /menu', ''].join('\n'));
    return loadSuiteFile(file, { root });
  }

  it('makes one case per row and converts number, boolean and json columns while plain columns stay text', () => {
    const suite = load('id,zip,quantity:number,delivered:boolean,extra:json\n1,01234,2,true,"{""a"":1}"\n2,00999,3.5,FALSE,[1]\n');
    expect(suite.cases.map((c) => c.name)).toEqual(['row 1', 'row 2']);
    expect(suite.cases[0]!.vars).toEqual({ id: '1', zip: '01234', quantity: 2, delivered: true, extra: { a: 1 } });
    expect(suite.cases[1]!.vars).toMatchObject({ quantity: 3.5, delivered: false, extra: [1] });
  });

  it('rejects a value that does not fit its declared type, naming the file, row and column', () => {
    expect(() => load('id,quantity:number\n1,two\n')).toThrow(/suites\/data\/rows\.csv:2 row 1 column "quantity": "two" is not a number/);
  });

  it('rejects an unknown column type and lists the known ones', () => {
    let thrown: unknown;
    try {
      load('id,quantity:integer\n1,2\n');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SuiteError);
    expect((thrown as SuiteError).message).toMatch(/column "quantity:integer" has an unknown type/);
    expect(`${(thrown as SuiteError).message}\n${(thrown as SuiteError).hint ?? ''}`).toMatch(/string, number, boolean, json/);
  });
});
