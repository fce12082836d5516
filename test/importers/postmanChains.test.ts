import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importPostman } from '../../src/importers/importPostman';
import { loadGenerated } from './loadGenerated';
import { notGreen, runImportedOnLoopback } from './loopbackProject';

const schema = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const test = (...exec: string[]) => [{ listen: 'test', script: { exec } }];

/** Folder "Pets": create, list (unrelated), read by the captured id, update, read again, delete. */
const petsCollection = {
  info: { name: 'Chain', schema },
  variable: [{ key: 'baseUrl', value: 'http://example.invalid' }, { key: 'petName', value: 'Rex' }],
  item: [
    {
      name: 'Pets',
      item: [
        {
          name: 'Create a pet',
          event: test('pm.test("created", function () {', '  pm.response.to.have.status(201);', '});', 'const id = pm.response.json().id; pm.environment.set("petId", id)'),
          request: { method: 'POST', url: '{{baseUrl}}/pets', body: { mode: 'raw', raw: '{"name": "{{petName}}"}', options: { raw: { language: 'json' } } } },
        },
        { name: 'List pets', request: { method: 'GET', url: '{{baseUrl}}/pets' }, event: test('pm.response.to.have.status(200);') },
        {
          name: 'Read the pet',
          event: test('var jsonData = pm.response.json();', 'pm.expect(jsonData.name).to.eql("Rex");', 'pm.response.to.have.header("ETag");', 'pm.expect(pm.response.responseTime).to.be.below(2000);'),
          request: { method: 'GET', url: { raw: '{{baseUrl}}/pets/:id', variable: [{ key: 'id', value: '{{petId}}' }] } },
        },
        { name: 'Delete the pet', request: { method: 'DELETE', url: '{{baseUrl}}/pets/{{petId}}' }, event: test('pm.response.to.have.status(204);') },
      ],
    },
    { name: 'Other', item: [{ name: 'A literal id', request: { method: 'GET', url: { raw: '{{baseUrl}}/pets/:id', variable: [{ key: 'id', value: '42' }] } } }] },
  ],
};

describe('Postman chains and variables', () => {
  it('makes the requests that use a captured id steps after the one that captured it, in folder order', () => {
    const result = importPostman(petsCollection, { api: 'pets' });
    const suites = loadGenerated(result);
    const pets = suites['pets-pets.yaml']!;
    expect(pets.cases.map((testCase) => testCase.name)).toEqual(['Create a pet → List pets → Read the pet (+1 more)']);
    const [create, list, readPet, remove] = pets.cases[0]!.steps;
    expect([create, list, readPet, remove].map((step) => step!.name)).toEqual(['Create a pet', 'List pets', 'Read the pet', 'Delete the pet']);
    expect(create!.capture).toEqual({ petId: { from: 'json', path: '$.id' } });
    // `:id` = `{{petId}}` is the captured value, not the literal text "{{petId}}".
    expect(readPet!.request.path).toBe('/pets/{{petId}}');
    expect(readPet!.expect).toMatchObject({ status: [], headers: { etag: { present: true } }, json: { '$.name': 'Rex' } });
    expect(pets.cases[0]!.latency).toEqual({ maxAddedMs: 2000 });
    expect(suites['pets-other.yaml']!.cases[0]!.vars).toEqual({ id: '42' });
  });

  it('resolves variables from globals, the collection and the environment, in Postman\'s precedence, nested references expanded', () => {
    const collection = {
      info: { name: 'Vars', schema },
      variable: [{ key: 'version', value: 'v2' }, { key: 'who', value: 'collection' }],
      item: [{ name: 'call', request: { method: 'GET', url: '{{baseUrl}}/{{path}}?who={{who}}&region={{region}}' } }],
    };
    const result = importPostman(collection, {
      api: 'vars',
      globals: { values: [{ key: 'region', value: 'eu' }, { key: 'who', value: 'globals' }, { key: 'path', value: 'items/{{version}}' }] },
      environment: { values: [{ key: 'who', value: 'environment', enabled: true }] },
    });
    const suite = Object.values(loadGenerated(result))[0]!;
    expect(suite.vars).toEqual({ path: 'items/v2', who: 'environment', region: 'eu' });
  });

  it('skips with a TODO a request whose variable is captured only by a later request', () => {
    const collection = {
      info: { name: 'Late', schema },
      item: [
        { name: 'Use it', request: { method: 'GET', url: '{{baseUrl}}/orders/{{orderId}}' } },
        { name: 'Make it', event: test('pm.collectionVariables.set("orderId", pm.response.json().orderId);'), request: { method: 'POST', url: '{{baseUrl}}/orders' } },
      ],
    };
    const suite = Object.values(loadGenerated(importPostman(collection, { api: 'late' })))[0]!;
    expect(suite.cases[0]!.skipReason).toBe('TODO: {{orderId}} is captured by "Late / Make it", which runs after this request in Postman\'s order: move it earlier or write the value');
  });

  describe('running the imported chain', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      const pets = new Map<string, { id: string; name: string }>();
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => {
          const send = (status: number, value?: unknown) => {
            res.writeHead(status, { 'content-type': 'application/json', etag: '"1"' });
            res.end(value === undefined ? undefined : JSON.stringify(value));
          };
          const id = /^\/pets\/([^/]+)$/.exec(req.url ?? '')?.[1];
          if (req.method === 'POST' && req.url === '/pets') {
            const pet = { id: randomUUID(), name: (JSON.parse(body) as { name: string }).name };
            pets.set(pet.id, pet);
            return send(201, pet);
          }
          if (req.method === 'GET' && req.url === '/pets') return send(200, [...pets.values()].map((pet) => ({ name: pet.name })).slice(0, 0));
          if (id && req.method === 'GET') return pets.has(id) ? send(200, pets.get(id)) : send(404, { error: 'no such pet' });
          if (id && req.method === 'DELETE') return pets.delete(id) ? send(204) : send(404, { error: 'no such pet' });
          return send(404, { error: 'no route' });
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('runs green on an unchanged API: each side reads and deletes the pet it created', async () => {
      const result = importPostman({ ...petsCollection, item: [petsCollection.item[0]!] }, { api: 'pets' });
      const run = await runImportedOnLoopback(result, { api: 'pets', legacy: url, candidate: url });
      expect(notGreen(run)).toEqual([]);
      expect(run.cases[0]!.steps.map((step) => [step.legacy.response?.status, step.candidate.response?.status])).toEqual([
        [201, 201],
        [200, 200],
        [200, 200],
        [204, 204],
      ]);
    });
  });
});
