import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { importOpenApi } from '../../src/importers/importOpenApi';
import { ImportError } from '../../src/importers/ImportError';
import { createBuiltins, createTemplateScope, expandValue } from '../../src/suite/template';
import type { Case } from '../../src/suite/types';
import { fixturesDir, repoRoot } from '../baseline/projectRoot';
import { loadGenerated } from './loadGenerated';

const pizzashack = parse(readFileSync(path.join(repoRoot, 'specs', 'pizzashack.yaml'), 'utf8')) as unknown;
const swagger = JSON.parse(readFileSync(path.join(fixturesDir, 'orders.swagger.json'), 'utf8')) as unknown;

function casesOf(result: ReturnType<typeof importOpenApi>): Case[] {
  return Object.values(loadGenerated(result)).flatMap((suite) => suite.cases);
}

describe('importing an OpenAPI document', () => {
  it('imports PizzaShack\'s GET operations by default and lists the writes as skipped', () => {
    const result = importOpenApi(pizzashack, { api: 'pizzashack', sourceFile: 'specs/pizzashack.yaml' });
    const [menu, order] = casesOf(result);
    expect(menu).toMatchObject({ name: 'Return a list of available menu items', skip: false });
    expect(menu!.steps[0]!.request).toMatchObject({ method: 'GET', path: '/menu' });
    expect(menu!.steps[0]!.expect.status).toEqual([200]);
    expect(result.skipped.map((item) => item.item)).toEqual(['POST /order', 'PUT /order/{orderId}', 'DELETE /order/{orderId}']);
    expect(result.skipped[0]!.reason).toContain('--all-methods');
    expect(result.notes).toContain("Set PARITY_API_PIZZASHACK_OPENAPI=specs/pizzashack.yaml so both sides' responses are checked against it.");
    expect(order).toMatchObject({ skip: true, vars: { TODO_orderId: 'TODO' } });
  });

  it('marks a value the document does not give with {{TODO_<name>}} and a comment, and skips the case until it is filled in', () => {
    const result = importOpenApi(pizzashack, { api: 'pizzashack' });
    const order = casesOf(result)[1]!;
    expect(order.steps[0]!.request.path).toBe('/order/{{TODO_orderId}}');
    expect(order.skipReason).toBe('TODO: path parameter orderId has no example, default or enum in the document');
    expect(result.files[0]!.yaml).toContain('# TODO: replace {{TODO_orderId}} (path parameter orderId has no example, default or enum in the document), then remove `skip:`.');
  });

  it('takes parameter values from x-example, enum and default, following local $refs, and sends no optional parameter', () => {
    const byName = new Map(casesOf(importOpenApi(swagger, { api: 'orders' })).map((testCase) => [testCase.name, testCase]));
    expect(byName.get('List orders')!.steps[0]!.request).toEqual({ method: 'GET', path: '/orders', query: { status: 'open' }, headers: { 'x-tenant': 'acme' } });
    expect(byName.get('getOrder')!.vars).toEqual({ orderId: 'ord-42' });
    expect(byName.get('getOrder')!.steps[0]!.request.path).toBe('/orders/{{orderId}}');
    expect(byName.get('getOrder')!.steps[0]!.expect.status).toEqual([200]);
  });

  it('sends no token only where the document says security: [] and otherwise uses the target\'s grant', () => {
    const byName = new Map(casesOf(importOpenApi(swagger, { api: 'orders' })).map((testCase) => [testCase.name, testCase]));
    expect(byName.get('Health')!.steps[0]!.auth).toEqual({ kind: 'none' });
    expect(byName.get('Health')!.steps[0]!.expect.status).toEqual([204]);
    expect(byName.get('List orders')!.steps[0]!.auth).toEqual({ kind: 'target' });
  });

  it('skips an operation that refers to another file, saying so', () => {
    const result = importOpenApi(swagger, { api: 'orders' });
    expect(result.skipped).toContainEqual({ item: 'GET /partners', reason: 'it refers to common.yaml#/parameters/Region, outside this file (only #/… references are followed)' });
  });

  it('imports writes with --all-methods, with the body from the schema example', () => {
    const byName = new Map(casesOf(importOpenApi(swagger, { api: 'orders', allMethods: true })).map((testCase) => [testCase.name, testCase]));
    const create = byName.get('createOrder')!;
    expect(create.steps[0]!.request).toMatchObject({ method: 'POST', path: '/orders', body: { kind: 'json', value: { item: 'Margherita', quantity: 1 } } });
    expect(create.steps[0]!.expect.status).toEqual([201]);
    expect(byName.get('Cancel an order')!.steps[0]!).toMatchObject({ request: { method: 'DELETE', path: '/orders/{{orderId}}' }, mutating: true });
  });

  it('reads OpenAPI 3 examples maps and keeps a literal {{ in an example from being read as a template', () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 'Pets' },
      paths: {
        '/pets/{petId}': {
          get: { parameters: [{ name: 'petId', in: 'path', required: true, examples: { rex: { value: 'p-1' } } }], responses: { '200': { description: 'ok' } } },
        },
        '/pets': {
          post: {
            requestBody: { required: true, content: { 'application/json': { examples: { one: { value: { name: 'Rex', note: 'likes {{treats}}' } } } } } },
            responses: { '201': { description: 'created' } },
          },
        },
      },
    };
    const [get, post] = casesOf(importOpenApi(doc, { allMethods: true }));
    expect(get!.vars).toEqual({ petId: 'p-1' });
    const body = post!.steps[0]!.request.body as { kind: 'json'; value: unknown };
    expect(body.value).toEqual({ name: 'Rex', note: 'likes \\{{treats}}' });
    const scope = createTemplateScope({ suite: { vars: {}, globalVars: {} }, caseVars: {}, builtins: createBuiltins() });
    expect(expandValue(body.value, scope)).toEqual({ name: 'Rex', note: 'likes {{treats}}' });
  });

  it('refuses a document of a version it does not read', () => {
    expect(() => importOpenApi({ swagger: '1.2', paths: {} }, { sourceFile: 'old.json' })).toThrow(ImportError);
    expect(() => importOpenApi({ info: {}, item: [] }, { sourceFile: 'collection.json' })).toThrow('collection.json is not an OpenAPI document');
  });
});
