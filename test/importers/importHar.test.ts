import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importHar } from '../../src/importers/importHar';
import { ImportError } from '../../src/importers/ImportError';
import { fixturesDir } from '../baseline/projectRoot';
import { loadGenerated } from './loadGenerated';

const base = 'https://gateway.api.cloud.wso2.com/t/pizzashack-demo/pizzashack/1.0.0';
const har = JSON.parse(readFileSync(path.join(fixturesDir, 'pizzashack.har'), 'utf8')) as unknown;
const imported = importHar(har, { baseUrl: base, sourceFile: 'pizzashack.har' });
const [suite] = Object.values(loadGenerated(imported));
const byName = (name: string) => suite!.cases.find((testCase) => testCase.name === name)!;

/** A HAR with the given entries (request + response status). */
function harOf(...entries: Array<{ method?: string; url: string; status?: number; headers?: Array<{ name: string; value: string }>; postData?: Record<string, unknown> }>) {
  return {
    log: {
      version: '1.2',
      entries: entries.map((entry) => ({
        request: { method: entry.method ?? 'GET', url: entry.url, headers: entry.headers ?? [{ name: 'authorization', value: 'Bearer abc' }], ...(entry.postData ? { postData: entry.postData } : {}) },
        response: { status: entry.status ?? 200 },
      })),
    },
  };
}

describe('importing captured traffic (HAR)', () => {
  it('makes one loadable case per distinct call under the base URL, named after it, with the API named after the context', () => {
    expect(imported.files.map((file) => file.path)).toEqual(['pizzashack-har.yaml']);
    expect(suite!.api).toBe('pizzashack');
    expect(suite!.cases.map((testCase) => testCase.name)).toEqual(['GET /menu', 'POST /order', 'GET /order/00000000-0000-4000-8000-000000000000', 'GET /menu without a token']);
  });

  it('drops Authorization, cookies and browser headers, keeping what the API sees', () => {
    expect(byName('GET /menu').steps[0]!.request.headers).toEqual({ accept: 'application/json' });
    expect(imported.files[0]!.yaml).not.toMatch(/JSESSIONID|6f0c3a8e|^\s*(cookie|authorization|user-agent):/im);
  });

  it('expects the captured status and sends no token where the captured call had none', () => {
    expect(byName('GET /order/00000000-0000-4000-8000-000000000000').steps[0]!.expect.status).toEqual([404]);
    expect(byName('GET /menu without a token').steps[0]!).toMatchObject({ auth: { kind: 'none' }, expect: { status: [401] } });
    expect(byName('GET /menu').steps[0]!.auth).toEqual({ kind: 'target' });
  });

  it('keeps the JSON body of a write and captures the id it created, so each gateway\'s new id is an alias', () => {
    const step = byName('POST /order').steps[0]!;
    expect(step.request.body).toMatchObject({ kind: 'json', value: { pizzaType: 'Pepperoni', quantity: 1 } });
    expect(step.request.headers).toEqual({ accept: 'application/json' });
    expect(step.capture).toEqual({ orderId: { from: 'json', path: '$.orderId' } });
  });

  it('reports duplicates, aborted calls and traffic outside the base URL as skipped', () => {
    expect(imported.skipped).toEqual([
      { item: `entry 3 (GET ${base}/menu)`, reason: 'duplicate of case "GET /menu" (same method, path, query and body)' },
      { item: `entry 7 (POST ${base}/order)`, reason: 'it has no response (the call was aborted or blocked)' },
      { item: '2 entries', reason: `not under --base-url ${base}` },
    ]);
  });

  it('tells a different query or body apart from a duplicate', () => {
    const result = importHar(
      harOf({ url: 'https://gw.test/api/1.0/menu?page=1' }, { url: 'https://gw.test/api/1.0/menu?page=2' }, { url: 'https://gw.test/api/1.0/menu?page=1' }),
      { baseUrl: 'https://gw.test/api/1.0', api: 'api' },
    );
    expect(Object.values(loadGenerated(result))[0]!.cases.map((testCase) => testCase.steps[0]!.request.query)).toEqual([{ page: '1' }, { page: '2' }]);
    expect(result.skipped).toHaveLength(1);
  });

  it('reads secret-looking query and form values from the environment and escapes literal {{ in captured values', () => {
    const result = importHar(
      harOf(
        { url: 'https://gw.test/api/1.0/search?q=%7B%7Bx%7D%7D&access_token=abc123' },
        { method: 'POST', url: 'https://gw.test/api/1.0/login', postData: { mimeType: 'application/x-www-form-urlencoded', text: 'user=jane&password=hunter2' } },
      ),
      { baseUrl: 'https://gw.test/api/1.0', api: 'api' },
    );
    const [search, login] = Object.values(loadGenerated(result))[0]!.cases;
    expect(search!.steps[0]!.request.query).toEqual({ q: '\\{{x}}', access_token: '{{env.ACCESS_TOKEN}}' });
    expect(login!.steps[0]!.request.body).toEqual({ kind: 'form', value: { user: 'jane', password: '{{env.PASSWORD}}' } });
    expect(result.files[0]!.yaml).not.toMatch(/abc123|hunter2/);
  });

  it('skips multipart uploads and expects no status for a conditional 304', () => {
    const result = importHar(
      harOf(
        { method: 'POST', url: 'https://gw.test/api/1.0/photo', postData: { mimeType: 'multipart/form-data; boundary=x', text: '--x' } },
        { url: 'https://gw.test/api/1.0/menu', status: 304 },
      ),
      { baseUrl: 'https://gw.test/api/1.0', api: 'api' },
    );
    expect(result.skipped[0]!.reason).toContain('multipart/form-data');
    expect(Object.values(loadGenerated(result))[0]!.cases[0]!.steps[0]!.expect.status).toEqual([]);
  });

  it('needs --base-url, and says what it is for', () => {
    expect(() => importHar(har, {})).toThrow("importing a HAR file needs --base-url: the API's base URL in the captured traffic");
    expect(() => importHar({ info: {}, item: [] }, { baseUrl: base, sourceFile: 'c.json' })).toThrow(ImportError);
  });
});
