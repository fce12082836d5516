import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importPostman } from '../../src/importers/importPostman';
import { ImportError } from '../../src/importers/ImportError';
import { fixturesDir } from '../baseline/projectRoot';
import { loadGenerated } from './loadGenerated';

const collection = JSON.parse(readFileSync(path.join(fixturesDir, 'pizzashack.postman_collection.json'), 'utf8')) as Record<string, unknown>;
const imported = importPostman(collection, { api: 'pizzashack', sourceFile: 'pizzashack.postman_collection.json' });
const suites = loadGenerated(imported);
const menu = suites['pizzashack-menu.yaml']!;
const orders = suites['pizzashack-orders.yaml']!;
const byName = (name: string) => [...menu.cases, ...orders.cases].find((testCase) => testCase.name === name)!;
/** A request as imported: a case of its own, or a step of a chain's scenario. */
const stepNamed = (name: string) => [...menu.cases, ...orders.cases].flatMap((testCase) => testCase.steps).find((step) => step.name === name)!;

/** A one-request collection around `request` (and optional collection-level extras). */
function single(request: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { info: { name: 'Tiny', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'call', request }], ...extra };
}

describe('importing a Postman collection', () => {
  it('turns each folder into a suite file that the suite loader accepts', () => {
    expect(imported.files.map((file) => file.path)).toEqual(['pizzashack-menu.yaml', 'pizzashack-orders.yaml']);
    expect(menu).toMatchObject({ name: 'Menu', description: 'Read-only calls.', api: 'pizzashack', tags: ['postman'] });
    expect(orders.cases.map((testCase) => testCase.name)).toEqual([
      'Place an order → Look up the order just placed',
      'An order that does not exist answers 404',
      'An order without a pizza type is rejected',
      'An order sent as a form is refused',
    ]);
  });

  it('makes paths relative to the {{baseUrl}} variable and keeps the other headers without Authorization', () => {
    const step = byName('List the menu').steps[0]!;
    expect(step.request).toEqual({ method: 'GET', path: '/menu', query: {}, headers: { accept: 'application/json' } });
    expect(step.auth).toEqual({ kind: 'target' });
    expect(imported.files[0]!.yaml).not.toMatch(/^\s*authorization:|6f0c3a8e/im);
  });

  it('maps noauth to auth: none and bearer auth to the target\'s grant', () => {
    expect(byName('The menu without a token is refused').steps[0]!.auth).toEqual({ kind: 'none' });
    expect(stepNamed('Place an order').auth).toEqual({ kind: 'target' });
  });

  it('turns collection variables into suite vars, keeping a bare {{quantity}} a number', () => {
    expect(orders.vars).toEqual({ customerName: 'Jane Doe', pizzaType: 'Margherita', quantity: 2 });
    expect(stepNamed('Place an order').request.body).toEqual({
      kind: 'json',
      value: { customerName: '{{customerName}}', address: '1 Main Street, Colombo', pizzaType: '{{pizzaType}}', creditCardNumber: '4111111111111111', quantity: '{{quantity}}', delivered: false },
    });
  });

  it('reads the expected status and the captured id from the test script, and says in the file that scripts are not run', () => {
    const step = stepNamed('Place an order');
    expect(step.expect.status).toEqual([201]);
    expect(step.capture).toEqual({ orderId: { from: 'json', path: '$.orderId' } });
    const yaml = imported.files[1]!.yaml;
    expect(yaml).toContain('# - Pre-request and test scripts are NOT run: the harness does not execute JavaScript.');
    expect(yaml).toContain("#     line 1: pm.collectionVariables.set('requestedAt', new Date().toISOString());");
    expect(yaml).toContain("#     line 4: pm.environment.set('lastOrderAt', new Date().toISOString());");
    expect(imported.unconverted).toContainEqual({ item: 'Orders / Place an order', event: 'test', line: 4, text: "pm.environment.set('lastOrderAt', new Date().toISOString());" });
  });

  it('makes a request that uses a value an earlier request captured a later step of that request\'s scenario', () => {
    const chain = byName('Place an order → Look up the order just placed');
    expect(chain.skip).toBe(false);
    expect(chain.steps.map((step) => [step.name, step.request.path])).toEqual([
      ['Place an order', '/order'],
      ['Look up the order just placed', '/order/{{orderId}}'],
    ]);
  });

  it('turns :path variables into case vars and urlencoded bodies into form bodies', () => {
    const lookup = byName('An order that does not exist answers 404');
    expect(lookup.vars).toEqual({ orderId: '00000000-0000-4000-8000-000000000000' });
    expect(lookup.steps[0]!.request.path).toBe('/order/{{orderId}}');
    expect(byName('An order sent as a form is refused').steps[0]!.request.body).toEqual({ kind: 'form', value: { pizzaType: '{{pizzaType}}', quantity: '1' } });
    expect(byName('An order without a pizza type is rejected').steps[0]!.expect.status).toEqual([400]);
  });

  it('lists what it could not import, and why', () => {
    expect(imported.skipped).toEqual([
      { item: 'Orders / Upload a photo of the delivery', reason: 'multipart/form-data bodies cannot be written in a suite (json, text and form bodies only)' },
      {
        item: "Orders / Track the delivery on the courier's site",
        reason: "the URL https://courier.example.com/track does not start with a base-URL variable such as {{baseUrl}}: pass --base-url <the API's base URL> to cut it off",
      },
    ]);
  });

  it('cuts an absolute URL against --base-url and refuses one outside it', () => {
    const result = importPostman(
      { info: { name: 'Abs' }, item: [{ name: 'in', request: { method: 'GET', url: 'https://gw.example.com/t/a/api/1.0/menu?page=2' } }, { name: 'out', request: 'https://elsewhere.example.com/x' }] },
      { api: 'api', baseUrl: 'https://gw.example.com/t/a/api/1.0' },
    );
    const [suite] = Object.values(loadGenerated(result));
    expect(suite!.cases[0]!.steps[0]!.request).toMatchObject({ path: '/menu', query: { page: '2' } });
    expect(result.skipped).toEqual([{ item: 'Abs / out', reason: 'https://elsewhere.example.com/x is not under --base-url https://gw.example.com/t/a/api/1.0' }]);
  });

  it('reads secrets from the environment instead of writing them into the suite', () => {
    const result = importPostman(single({ method: 'GET', url: '{{host}}/menu?api_key={{apiKey}}', header: [{ key: 'X-Api-Key', value: '{{apiKey}}' }] }, { variable: [{ key: 'apiKey', value: 's3cr3t-value' }] }), { api: 'tiny' });
    const [suite] = Object.values(loadGenerated(result));
    expect(suite!.cases[0]!.steps[0]!.request).toMatchObject({ query: { api_key: '{{env.API_KEY}}' }, headers: { 'x-api-key': '{{env.X_API_KEY}}' } });
    expect(result.files[0]!.yaml).not.toContain('s3cr3t-value');
    expect(result.notes.some((note) => note.startsWith('Export API_KEY'))).toBe(true);
  });

  it('lets environment values win over collection values, as Postman does, and maps $guid to $uuid', () => {
    const result = importPostman(
      single({ method: 'POST', url: '{{base}}/order', body: { mode: 'raw', raw: '{"ref":"{{$guid}}","who":"{{customer}}"}' } }, { variable: [{ key: 'customer', value: 'collection' }] }),
      { api: 'tiny', environment: { name: 'staging', values: [{ key: 'customer', value: 'environment', enabled: true }] } },
    );
    const [suite] = Object.values(loadGenerated(result));
    expect(suite!.vars).toEqual({ customer: 'environment' });
    expect(suite!.cases[0]!.steps[0]!.request.body).toEqual({ kind: 'json', value: { ref: '{{$uuid}}', who: '{{customer}}' } });
  });

  it('skips a request using a Postman dynamic variable that suites have no builtin for', () => {
    const result = importPostman(single({ method: 'GET', url: '{{base}}/menu?n={{$randomInt}}' }), { api: 'tiny' });
    expect(result.files).toEqual([]);
    expect(result.skipped[0]!.reason).toContain('{{$randomInt}}');
  });

  it('refuses a file that is not a collection, saying which importer to use instead', () => {
    expect(() => importPostman({ openapi: '3.0.3', paths: {} }, { sourceFile: 'spec.json' })).toThrow(ImportError);
    expect(() => importPostman({ info: { schema: 'https://schema.getpostman.com/json/collection/v1.0.0/collection.json' }, item: [] })).toThrow('this importer reads collection format v2.0 and v2.1');
  });
});
