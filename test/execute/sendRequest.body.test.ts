import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { capRecordedBody } from '../../src/execute/capRecordedBody';
import { Redactor } from '../../src/execute/redactor';
import { closeHttpAgents, sendRequest } from '../../src/execute/sendRequest';
import type { OutgoingRequest } from '../../src/execute/types';
import { sendSettings, startLoopback, type Loopback } from './loopback';

const token = 'ca19a540f544777860e44e75f605d927';

function get(url: string, extra: Partial<OutgoingRequest> = {}): OutgoingRequest {
  return { target: 'legacy', method: 'GET', url, headers: {}, idempotent: true, ...extra };
}

describe('sendRequest recording', () => {
  let server: Loopback;
  afterEach(() => server.close());
  afterAll(() => closeHttpAgents());

  it('records a JSON exchange with lower-cased headers, redacted secrets, timing and source', async () => {
    server = await startLoopback((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Echo-Auth': req.headers.authorization ?? '' });
      res.end(JSON.stringify({ menu: [{ name: 'Margherita' }], echoed: req.headers.authorization }));
    });
    const redactor = new Redactor();
    redactor.add(token, 'legacy.access_token');
    const started = Date.now();
    const exchange = await sendRequest(
      get(`${server.url}/t/org/pizzashack/1.0.0/menu?access_token=${token}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } }),
      sendSettings({ redactor }),
    );
    expect(exchange.error).toBeUndefined();
    expect(exchange.source).toBe('live');
    expect(exchange.target).toBe('legacy');
    expect(Date.parse(exchange.startedAt)).toBeGreaterThanOrEqual(started - 5);
    expect(exchange.durationMs).toBeGreaterThanOrEqual(0);
    expect(exchange.retries).toEqual([]);
    expect(exchange.request).toEqual({
      method: 'GET',
      url: `${server.url}/t/org/pizzashack/1.0.0/menu?access_token=«redacted:legacy.access_token»`,
      headers: { authorization: 'Bearer «redacted:legacy.access_token»', accept: 'application/json' },
    });
    expect(exchange.response?.status).toBe(200);
    expect(exchange.response?.headers['x-echo-auth']).toBe('Bearer «redacted:legacy.access_token»');
    expect(exchange.response?.body).toMatchObject({ kind: 'json', json: { menu: [{ name: 'Margherita' }], echoed: 'Bearer «redacted:legacy.access_token»' } });
    expect(JSON.stringify(exchange)).not.toContain(token);
  });

  it('keeps JSON that does not parse as text with parseError instead of throwing', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"menu": [1, 2,');
    });
    const exchange = await sendRequest(get(`${server.url}/menu`), sendSettings());
    expect(exchange.error).toBeUndefined();
    expect(exchange.response?.body).toMatchObject({ kind: 'text', text: '{"menu": [1, 2,', contentType: 'application/json; charset=utf-8' });
    expect(exchange.response?.body.parseError).toEqual(expect.any(String));
  });

  it.each([
    { label: 'an XML fault', contentType: 'application/xml', body: '<ams:fault xmlns:ams="http://wso2.org/apimanager/security"><ams:code>900901</ams:code></ams:fault>', kind: 'xml' },
    { label: 'a text/plain body', contentType: 'text/plain', body: 'Runtime Error', kind: 'text' },
    { label: 'JSON without a content type (sniffed)', contentType: undefined, body: '{"sniffed":true}', kind: 'json' },
    { label: 'markup without a content type (sniffed)', contentType: undefined, body: '<html><body>hi</body></html>', kind: 'xml' },
    { label: 'an image', contentType: 'image/png', body: '\u0089PNG\r\n\u001a\n\u0000\u0000binary', kind: 'binary' },
  ])('records $label as kind $kind', async ({ contentType, body, kind }) => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, contentType ? { 'content-type': contentType } : {});
      res.end(Buffer.from(body, 'latin1'));
    });
    const exchange = await sendRequest(get(`${server.url}/x`), sendSettings());
    expect(exchange.response?.body.kind).toBe(kind);
    if (kind === 'binary') expect(exchange.response?.body.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records an empty body as kind empty', async () => {
    server = await startLoopback((_req, res) => res.writeHead(204).end());
    const exchange = await sendRequest(get(`${server.url}/x`), sendSettings());
    expect(exchange.response?.body).toEqual({ kind: 'empty', bytes: 0 });
  });

  it.each([
    { coding: 'gzip', form: 'gzip', encode: zlib.gzipSync },
    { coding: 'deflate', form: 'zlib-wrapped', encode: zlib.deflateSync },
    { coding: 'deflate', form: 'raw', encode: zlib.deflateRawSync },
    { coding: 'br', form: 'brotli', encode: zlib.brotliCompressSync },
  ])('decodes a $coding-encoded body ($form)', async ({ coding, encode }) => {
    const json = JSON.stringify({ encoded: coding });
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding });
      res.end(encode(Buffer.from(json)));
    });
    const exchange = await sendRequest(get(`${server.url}/x`), sendSettings());
    expect(exchange.response?.body).toMatchObject({ kind: 'json', json: { encoded: coding }, bytes: json.length });
  });

  it('stops inflating a gzip bomb at the cap, marks it truncated and hashes what was read', async () => {
    // 200 gzip members of 1 MiB of zeros each: about 200 KB on the wire, 200 MiB inflated.
    const member = zlib.gzipSync(Buffer.alloc(1024 * 1024));
    const bomb = Buffer.concat(Array.from({ length: 200 }, () => member));
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    const cap = 2 * 1024 * 1024;
    const exchange = await sendRequest(get(`${server.url}/bomb`), sendSettings({ limits: { maxInflatedBodyBytes: cap } }));
    expect(exchange.error).toBeUndefined();
    const body = exchange.response?.body;
    expect(body).toMatchObject({ kind: 'binary', bytes: cap, truncated: true });
    expect(body?.sha256).toBe(createHash('sha256').update(Buffer.alloc(cap)).digest('hex'));
  });

  it('records a body over maxRecordedBodyBytes whole, for the comparison, with the sha256 of all of it for the cut record', async () => {
    const text = 'abcdefghij'.repeat(10_000);
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(text);
    });
    const exchange = await sendRequest(get(`${server.url}/big`), sendSettings({ maxRecordedBodyBytes: 1000 }));
    const body = exchange.response?.body;
    expect(body).toMatchObject({ kind: 'text', contentType: 'text/plain', bytes: 100_000, sha256: createHash('sha256').update(text).digest('hex') });
    expect(body?.text === text).toBe(true);
    expect(body).not.toHaveProperty('truncated');
    expect(capRecordedBody(body!, 1000)).toEqual({
      kind: 'text',
      contentType: 'text/plain',
      bytes: 100_000,
      text: text.slice(0, 1000),
      sha256: createHash('sha256').update(text).digest('hex'),
      truncated: true,
    });
  });

  it('records a JSON response body once: the parsed value, without its raw text', async () => {
    const pretty = JSON.stringify({ menu: [{ name: 'Margherita', price: 9.5 }] }, null, 2);
    server = await startLoopback((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(pretty));
    const exchange = await sendRequest(get(`${server.url}/menu`), sendSettings());
    expect(exchange.response?.body).toEqual({ kind: 'json', contentType: 'application/json', bytes: Buffer.byteLength(pretty), json: { menu: [{ name: 'Margherita', price: 9.5 }] } });
    expect(exchange.response?.body).not.toHaveProperty('text');
  });

  it('keeps no raw text beside JSON whose escapes hid a secret from the text pass', async () => {
    const redactor = new Redactor();
    redactor.add('s3cr3t=value', 'legacy.client_secret');
    // Gson writes `=` as \u003d: the raw text does not contain the secret as registered.
    const escaped = '{"echo":"s3cr3t\\u003dvalue"}';
    server = await startLoopback((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(escaped));
    const exchange = await sendRequest(get(`${server.url}/echo`), sendSettings({ redactor }));
    expect(exchange.response?.body).toMatchObject({ kind: 'json', json: { echo: '«redacted:legacy.client_secret»' } });
    expect(exchange.response?.body).not.toHaveProperty('text');
    expect(JSON.stringify(exchange)).not.toContain('s3cr3t');
  });

  it('keeps a JSON request body\'s raw text only when re-serialising the parsed value would not give it back', async () => {
    server = await startLoopback((_req, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{}'));
    const post = (body: string) =>
      sendRequest(get(`${server.url}/order`, { method: 'POST', idempotent: false, headers: { 'content-type': 'application/json' }, body }), sendSettings());
    const compact = await post('{"pizza":"Margherita","quantity":2}');
    expect(compact.request.body).toEqual({ kind: 'json', contentType: 'application/json', bytes: 35, json: { pizza: 'Margherita', quantity: 2 } });
    const spaced = '{ "pizza": "Margherita", "quantity": 2.0 }';
    const kept = await post(spaced);
    expect(kept.request.body).toMatchObject({ kind: 'json', json: { pizza: 'Margherita', quantity: 2 }, text: spaced });
  });

  it('stops reading an uncompressed body at the inflation cap and marks it truncated', async () => {
    const body = Buffer.alloc(3 * 1024 * 1024, 'x');
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(body);
    });
    const cap = 1024 * 1024;
    const exchange = await sendRequest(get(`${server.url}/big`), sendSettings({ limits: { maxInflatedBodyBytes: cap } }));
    expect(exchange.error).toBeUndefined();
    expect(exchange.response?.body).toMatchObject({ bytes: cap, truncated: true, sha256: createHash('sha256').update(body.subarray(0, cap)).digest('hex') });
  });

  it('records a redacted request body', async () => {
    server = await startLoopback((_req, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{}'));
    const redactor = new Redactor();
    redactor.add('4111111111111111', 'legacy.card');
    const exchange = await sendRequest(
      get(`${server.url}/order`, { method: 'POST', idempotent: false, headers: { 'content-type': 'application/json' }, body: '{"creditCardNumber":"4111111111111111"}' }),
      sendSettings({ redactor }),
    );
    expect(server.hits[0]?.body).toBe('{"creditCardNumber":"4111111111111111"}');
    expect(exchange.request.body).toMatchObject({ kind: 'json', json: { creditCardNumber: '«redacted:legacy.card»' } });
  });
});
