import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContract } from '../../src/contract/loadContract';
import { ContractError } from '../../src/errors';
import { fixtures, projectRoot } from './support/exchanges';

function loadError(file: string, root = projectRoot): ContractError {
  try {
    loadContract(file, root);
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  throw new Error(`${file} loaded, but a ContractError was expected`);
}

describe('loadContract', () => {
  it('reads the shipped PizzaShack OpenAPI 3.0 document into its five operations', () => {
    const contract = loadContract('specs/pizzashack.yaml', projectRoot);
    expect(contract).toMatchObject({ file: 'specs/pizzashack.yaml', dialect: 'openapi-3.0', version: '3.0.3' });
    expect(contract.operations.map((operation) => operation.key)).toEqual([
      'GET /menu',
      'POST /order',
      'GET /order/{orderId}',
      'PUT /order/{orderId}',
      'DELETE /order/{orderId}',
    ]);
  });

  it('reads a Swagger 2.0 document written as JSON, with response $refs followed and `produces` applied', () => {
    const contract = loadContract(`${fixtures}/pizzashack-swagger2.json`, projectRoot);
    expect(contract).toMatchObject({ dialect: 'swagger-2.0', version: '2.0' });
    const getOrder = contract.operations.find((operation) => operation.key === 'GET /order/{orderId}');
    expect(getOrder?.responses.get('404')?.content.map((media) => media.mediaType)).toEqual(['application/json', 'application/xml']);
    const getMenu = contract.operations.find((operation) => operation.key === 'GET /menu');
    expect(getMenu?.responses.get('200')?.content.map((media) => media.mediaType)).toEqual(['application/json']);
  });

  it('loads a file once: the same path, relative or absolute, gives the same contract object', () => {
    const relative = loadContract('specs/pizzashack.yaml', projectRoot);
    const absolute = loadContract(path.join(projectRoot, 'specs/pizzashack.yaml'), projectRoot);
    expect(absolute).toBe(relative);
  });

  it('reloads a document whose file changed since it was loaded', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'contract-'));
    try {
      const file = path.join(dir, 'api.yaml');
      writeFileSync(file, 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    get:\n      responses: { "200": { description: ok } }\n');
      expect(loadContract('api.yaml', dir).operations.map((operation) => operation.key)).toEqual(['GET /a']);
      writeFileSync(file, 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /b:\n    post:\n      responses: { "201": { description: created } }\n');
      expect(loadContract('api.yaml', dir).operations.map((operation) => operation.key)).toEqual(['POST /b']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts versions written as YAML numbers (`openapi: 3.0`, `swagger: 2.0`), as other tools do', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'contract-'));
    try {
      const operation = 'paths:\n  /a:\n    get:\n      responses: { "200": { description: ok } }\n';
      writeFileSync(path.join(dir, 'oas.yaml'), `openapi: 3.0\ninfo: { title: t, version: "1" }\n${operation}`);
      writeFileSync(path.join(dir, 'swagger.yaml'), `swagger: 2.0\ninfo: { title: t, version: "1" }\n${operation}`);
      expect(loadContract('oas.yaml', dir).dialect).toBe('openapi-3.0');
      expect(loadContract('swagger.yaml', dir).dialect).toBe('swagger-2.0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads OpenAPI 3.1 with the JSON Schema 2020-12 engine instead of refusing it', () => {
    expect(loadContract(`${fixtures}/openapi-3.1.yaml`, projectRoot)).toMatchObject({ dialect: 'openapi-3.1', version: '3.1.0' });
  });

  it('reads a document with a byte-order mark and a multi-line quoted value whose lines start at column 0, as js-yaml does', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parity-tolerant-'));
    try {
      writeFileSync(path.join(dir, 'pem.yaml'), '\uFEFFopenapi: 3.0.3\ninfo:\n  title: x\n  version: "1"\n  description: "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----"\npaths:\n  /a:\n    get:\n      responses:\n        "200": { description: ok }\n');
      expect(loadContract('pem.yaml', dir).operations.map((operation) => operation.key)).toEqual(['GET /a']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the file and the line of a YAML syntax error', () => {
    const error = loadError(`${fixtures}/broken/bad-yaml.yaml`);
    expect(error).toMatchObject({ name: 'ContractError', file: `${fixtures}/broken/bad-yaml.yaml` });
    expect(error.line).toBeGreaterThanOrEqual(10);
    expect(error.message).toMatch(new RegExp(`^${fixtures}/broken/bad-yaml\\.yaml:\\d+:\\d+: not valid YAML/JSON: `));
  });

  it('refuses a document without `paths`, naming the file', () => {
    const error = loadError(`${fixtures}/broken/missing-paths.yaml`);
    expect(error.message).toBe(`${fixtures}/broken/missing-paths.yaml: the document has no \`paths\`, so no operation can be matched`);
  });

  it('names the file, line and key path of a $ref that points to nothing', () => {
    const error = loadError(`${fixtures}/broken/dangling-ref.yaml`);
    expect(error).toMatchObject({ file: `${fixtures}/broken/dangling-ref.yaml`, line: 14, path: 'paths./menu.get.responses.200.content.application/json.schema.$ref' });
    expect(error.message).toContain('$ref "#/components/schemas/Menu" points to nothing in this document');
  });

  it('refuses a $ref into another file, telling how to bundle the document', () => {
    const error = loadError(`${fixtures}/broken/external-ref.yaml`);
    expect(error.message).toContain('$ref "schemas/menu.yaml#/Menu" points outside this file');
    expect(error.hint).toMatch(/bundle/);
  });

  it('names the file when it does not exist', () => {
    const error = loadError(`${fixtures}/nope.yaml`);
    expect(error.message).toBe(`${fixtures}/nope.yaml: OpenAPI document not found`);
  });

  it('refuses a JSON file that is not an OpenAPI document', () => {
    const error = loadError('package.json');
    expect(error.message).toContain('neither `openapi: 3.0.x` nor `swagger: "2.0"`');
  });
});
