import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { createGzipBomb, crc32Combine } from '../../src/sandbox/gzipBomb';
import { forwardToBackend, passOnHeaders } from '../../src/sandbox/proxy';
import { matchOperation, underApiBase } from '../../src/sandbox/pizzashackApi';
import { grantScopes } from '../../src/sandbox/grantScopes';

describe('forwardToBackend', () => {
  let server: http.Server;
  let url: string;
  let seen: { rawHeaders: string[]; headers: http.IncomingHttpHeaders; body: string; method: string; path: string };
  const agent = new http.Agent({ keepAlive: true });

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen = { rawHeaders: req.rawHeaders, headers: req.headers, body, method: req.method ?? '', path: req.url ?? '' };
        res.writeHead(201, { 'content-type': 'application/json', 'x-menu-version': '1.0', connection: 'keep-alive' });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    agent.destroy();
    await new Promise((r) => server.close(r));
  });

  it('drops Authorization and a client-sent JWT, and sends the backend JWT under the name the gateway chose', async () => {
    const answer = await forwardToBackend(agent, url, {
      method: 'POST',
      path: '/order?x=1',
      headers: { authorization: 'Bearer secret', 'x-jwt-assertion': 'forged', 'content-type': 'application/json', connection: 'keep-alive', accept: 'application/json' },
      body: Buffer.from('{"a":1}'),
      jwtHeader: { name: 'X-JWT-Assertion', value: 'header.payload.sig' },
    });
    expect(answer).toMatchObject({ status: 201, body: Buffer.from('{"ok":true}') });
    expect(seen).toMatchObject({ method: 'POST', path: '/order?x=1', body: '{"a":1}' });
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers['x-jwt-assertion']).toBe('header.payload.sig');
    expect(seen.rawHeaders).toContain('X-JWT-Assertion');
    expect(seen.headers.accept).toBe('application/json');
    expect(passOnHeaders(answer.headers)).toEqual({ 'content-type': 'application/json', 'x-menu-version': '1.0' });
  });
});

describe('createGzipBomb', () => {
  it('builds a valid gzip stream (CRC and length check out) of the requested size', () => {
    const bomb = createGzipBomb(5);
    const inflated = zlib.gunzipSync(bomb);
    expect(inflated.length).toBe(5 * 1024 * 1024);
    expect(inflated.equals(Buffer.alloc(inflated.length, 0x20))).toBe(true);
    expect(bomb.length).toBeLessThan(6 * 1024);
  });

  it('combines CRCs as zlib would', () => {
    const a = Buffer.from('hello, ');
    const b = Buffer.from('PizzaShack');
    expect(crc32Combine(zlib.crc32(a), zlib.crc32(b), b.length)).toBe(zlib.crc32(Buffer.concat([a, b])));
  });

  it('builds the 1 GiB bomb from repeated blocks, with the trailer of the whole inflated body', () => {
    const bomb = createGzipBomb();
    expect(bomb.length).toBeLessThan(1.2 * 1024 * 1024);
    // gzip's trailer: CRC-32 of the inflated bytes, then their length mod 2^32 (1 GiB = 2^30).
    expect(bomb.readUInt32LE(bomb.length - 4)).toBe(2 ** 30);
    const oneMiB = zlib.crc32(Buffer.alloc(1024 * 1024, 0x20));
    let whole = oneMiB;
    for (let doubling = 0; doubling < 10; doubling += 1) whole = crc32Combine(whole, whole, 1024 * 1024 * 2 ** doubling);
    expect(bomb.readUInt32LE(bomb.length - 8)).toBe(whole);
  });
});

describe('PizzaShack operations', () => {
  it.each([
    ['GET', '/menu', '/menu'],
    ['post', '/order', '/order'],
    ['GET', '/order/abc', '/order/{orderId}'],
    ['DELETE', '/order/abc', '/order/{orderId}'],
  ])('matches %s %s to %s', (method, path, template) => {
    expect(matchOperation(method, path)?.template).toBe(template);
  });

  it.each([['GET', '/order'], ['GET', '/order/'], ['GET', '/order/a/b'], ['POST', '/menu'], ['GET', '/menu/']])('matches nothing for %s %s', (method, path) => {
    expect(matchOperation(method, path)).toBeUndefined();
  });

  it('splits a URL under an API base and refuses look-alike prefixes', () => {
    expect(underApiBase('/t/acme/pizzashack/1.0.0/menu?x=1', '/t/acme/pizzashack/1.0.0')).toEqual({ resourcePath: '/menu', search: '?x=1' });
    expect(underApiBase('/t/acme/pizzashack/1.0.0x/menu', '/t/acme/pizzashack/1.0.0')).toBeUndefined();
  });
});

describe('grantScopes', () => {
  it.each([
    [null, undefined, ['order_pizza']],
    ['', undefined, ['default']],
    ['order_pizza order_pizza other', undefined, ['order_pizza']],
    [null, [], ['default']],
    [null, ['order_pizza'], ['order_pizza']],
  ] as const)('grants %j (cap %j) as %j', (requested, cap, expected) => {
    expect(grantScopes(requested, ['order_pizza'], cap)).toEqual(expected);
  });
});
