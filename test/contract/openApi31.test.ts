import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkStepContract } from '../../src/contract/checkStepContract';
import { loadContract } from '../../src/contract/loadContract';
import { ContractError } from '../../src/errors';
import type { Difference } from '../../src/model/result';
import { exchange, fixtures, projectRoot, type ResponseSpec } from './support/exchanges';

const shop = `${fixtures}/openapi-3.1-shop.yaml`;
const item = { id: '3f6c8c1e-0a51-4b1f-b1f4-3d1f8c2b9e70', kind: 'item', price: 2.5, note: null, size: [42, 'EU'] };

function check(legacy: ResponseSpec, candidate: ResponseSpec): Difference[] {
  return checkStepContract({
    contract: loadContract(shop, projectRoot),
    method: 'GET',
    requestPath: '/items/abc',
    legacy: exchange('legacy', 'GET', 'https://legacy.example/items/abc', legacy),
    candidate: exchange('candidate', 'GET', 'https://candidate.example/items/abc', candidate),
    strict: false,
  });
}

const regressions = (differences: Difference[]) => differences.filter((d) => d.disposition === 'regression').map((d) => `${d.path}: ${String(d.candidate)}`);

describe('OpenAPI 3.1 contracts (JSON Schema 2020-12)', () => {
  it('loads a 3.1 document with the 2020-12 validator', () => {
    expect(loadContract(shop, projectRoot)).toMatchObject({ dialect: 'openapi-3.1', version: '3.1.0' });
  });

  it('accepts a response that keeps the 2020-12 schema: nullable type arrays, const, prefixItems, a $ref with siblings', () => {
    expect(check({ json: item }, { json: item })).toEqual([]);
  });

  it('catches what draft-07 rules would ignore: a type array without null, const, prefixItems, unevaluatedProperties, format', () => {
    const broken = { ...item, id: 'not-a-uuid', kind: 'other', note: 7, size: ['42', 'EU'], extra: true };
    expect(regressions(check({ json: item }, { json: broken }))).toEqual([
      expect.stringContaining('$.id'),
      expect.stringContaining('$.kind'),
      expect.stringContaining('$.note'),
      expect.stringContaining('$.size[0]'),
      expect.stringContaining('$.extra'),
    ]);
  });

  it('refuses, when it loads, a 3.1 document that declares another JSON Schema dialect', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parity-oas31-'));
    try {
      writeFileSync(path.join(dir, 'draft4.yaml'), 'openapi: 3.1.0\njsonSchemaDialect: http://json-schema.org/draft-04/schema#\ninfo: { title: x, version: "1" }\npaths: {}\n');
      expect(() => loadContract('draft4.yaml', dir)).toThrow(ContractError);
      expect(() => loadContract('draft4.yaml', dir)).toThrow(/draft4\.yaml:2:\d+ jsonSchemaDialect: jsonSchemaDialect "http:\/\/json-schema\.org\/draft-04\/schema#" is not supported/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses, when it loads, a 3.1 schema the validator cannot compile, naming the operation', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parity-oas31-'));
    try {
      writeFileSync(
        path.join(dir, 'bad.yaml'),
        'openapi: 3.1.0\ninfo: { title: x, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: { type: object, minProperties: lots }\n',
      );
      expect(() => loadContract('bad.yaml', dir)).toThrow(/cannot compile this JSON Schema 2020-12 response schema of GET \/a/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
