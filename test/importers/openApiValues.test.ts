import { importOpenApi } from '../../src/importers/importOpenApi';
import { loadGenerated } from './loadGenerated';

/** A one-path OpenAPI 3 document around `operations` (and optional components). */
function doc(paths: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { openapi: '3.0.3', info: { title: 'Shop', version: '1' }, paths, ...extra };
}
const importAll = (document: unknown) => {
  const result = importOpenApi(document, { api: 'shop', allMethods: true });
  const suite = Object.values(loadGenerated(result))[0]!;
  return { result, suite, byName: (name: string) => suite.cases.find((testCase) => testCase.name === name)! };
};

const petSchema = {
  type: 'object',
  required: ['name', 'kind', 'birth'],
  properties: {
    id: { type: 'string', readOnly: true },
    name: { type: 'string', example: 'Rex' },
    kind: { type: 'string', enum: ['dog', 'cat'] },
    birth: { type: 'string', format: 'date' },
    weight: { type: 'number', default: 4.5 },
    nickname: { type: 'string' },
    owner: { allOf: [{ $ref: '#/components/schemas/Owner' }] },
  },
};
const components = {
  schemas: {
    Pet: petSchema,
    Owner: { type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email' }, age: { type: 'integer', minimum: 18 } } },
    Created: { type: 'object', required: ['petId'], properties: { petId: { type: 'string' }, name: { type: 'string' } } },
  },
};

describe('OpenAPI import: values from the document', () => {
  it('builds a body from the schema: property examples, defaults, enums and required properties; read-only and unknown optional ones left out', () => {
    const { byName } = importAll(doc({ '/pets': { post: { summary: 'add', requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } }, responses: { 201: { description: 'ok' } } } } }, { components }));
    const testCase = byName('add');
    expect(testCase.skip).toBe(false);
    expect(testCase.steps[0]!.request.body).toEqual({ kind: 'json', value: { name: 'Rex', kind: 'dog', birth: '2024-01-01', weight: 4.5 } });
  });

  it('fills a required nested object from its own required properties', () => {
    const schema = { ...petSchema, required: [...petSchema.required, 'owner'] };
    const { byName } = importAll(doc({ '/pets': { post: { summary: 'add', requestBody: { content: { 'application/json': { schema } } }, responses: { 201: { description: 'ok' } } } } }, { components }));
    expect(byName('add').steps[0]!.request.body).toMatchObject({ value: { owner: { email: 'user@example.com' } } });
  });

  it('takes parameter values from example, examples and the schema', () => {
    const { byName } = importAll(
      doc({
        '/pets/{petId}': {
          parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' }, examples: { one: { value: 'p-1' } } }],
          get: { summary: 'read', parameters: [{ name: 'fields', in: 'query', required: true, schema: { type: 'string', example: 'name' } }], responses: { 200: { description: 'ok' } } },
        },
      }),
    );
    const testCase = byName('read');
    expect(testCase.vars).toEqual({ petId: 'p-1' });
    expect(testCase.steps[0]!.request).toMatchObject({ path: '/pets/{{petId}}', query: { fields: 'name' } });
  });

  it('captures the id and the Location a write answers with, so an unchanged API compares them as aliases', () => {
    const { byName } = importAll(
      doc(
        {
          '/pets': {
            post: {
              summary: 'add',
              requestBody: { content: { 'application/json': { example: { name: 'Rex' } } } },
              responses: { 201: { description: 'created', headers: { Location: { schema: { type: 'string' } } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/Created' } } } } },
            },
          },
        },
        { components },
      ),
    );
    expect(byName('add').steps[0]!.capture).toEqual({ location: { from: 'header', name: 'location' }, petId: { from: 'json', path: '$.petId' } });
  });

  it('expects a 2xx for an operation that declares only 2XX or only default', () => {
    const { byName } = importAll(doc({ '/a': { get: { summary: 'range', responses: { '2XX': { description: 'ok' }, '4XX': { description: 'no' } } } }, '/b': { get: { summary: 'default', responses: { default: { description: 'any' } } } } }));
    expect(byName('range').steps[0]!.expect.status).toEqual([200, 201, 202, 203, 204, 205, 206, 207, 208, 226]);
    expect(byName('default').steps[0]!.expect.status).toEqual([200, 201, 202, 203, 204, 205, 206, 207, 208, 226]);
  });

  it('recognises credentials from the security schemes and credential-like names, not from any name containing "authorization"', () => {
    const { result, byName } = importAll(
      doc(
        {
          '/payments/{authorization_id}': {
            get: {
              summary: 'payment',
              security: [{ key: [] }],
              parameters: [
                { name: 'authorization_id', in: 'path', required: true, schema: { type: 'string', example: 'AUTH-42' } },
                { name: 'X-Partner', in: 'header', required: true, schema: { type: 'string', example: 'acme' } },
              ],
              responses: { 200: { description: 'ok' } },
            },
          },
        },
        { components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Gateway-Key' } } } },
      ),
    );
    const step = byName('payment').steps[0]!;
    expect(byName('payment').vars).toEqual({ authorization_id: 'AUTH-42' });
    expect(step.request.headers).toEqual({ 'x-partner': 'acme', 'x-gateway-key': '{{env.X_GATEWAY_KEY}}' });
    expect(result.credentials).toEqual(['X_GATEWAY_KEY']);
    expect(result.files[0]!.yaml).toContain('Credentials (read from the environment, never written here): {{env.X_GATEWAY_KEY}}');
  });

  it('lists the webhooks of a 3.1 document without paths instead of refusing it', () => {
    const result = importOpenApi({ openapi: '3.1.0', info: { title: 'Hooks', version: '1' }, webhooks: { newPet: { post: { responses: { 200: { description: 'ok' } } } } } });
    expect(result.files).toEqual([]);
    expect(result.skipped).toEqual([{ item: 'webhook newPet', reason: 'a webhook is a call the API makes to its subscribers, not one a suite sends to the API' }]);
  });
});
