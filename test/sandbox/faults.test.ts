import http from 'node:http';
import zlib from 'node:zlib';
import { slowDripBody, slowDripIntervalMs, wrongContentLength } from '../../src/sandbox/injectFault';
import { accessToken, apiUrl, call, keepAliveAgent, tokenResponse, useSandbox } from './helpers';

let agent: http.Agent;
beforeAll(() => {
  agent = keepAliveAgent();
});
afterAll(() => agent.destroy());

/** A raw GET: no decompression, no body parsing, so a broken answer can be looked at as it is. */
function rawGet(url: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, resolve);
    req.on('error', reject);
  });
}

/** Reads a body until the response closes; `complete` is false when it closed before the promised end. */
function collect(res: http.IncomingMessage): Promise<{ body: Buffer; complete: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('error', () => undefined);
    res.on('close', () => resolve({ body: Buffer.concat(chunks), complete: res.complete }));
  });
}

describe('fault reset-mid-body', () => {
  const sandbox = useSandbox({ fault: 'reset-mid-body' });

  it('sends headers and part of the body, then destroys the connection', async () => {
    const res = await rawGet(apiUrl(sandbox(), 'candidate', '/menu'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-length']).toBe('2048');
    const { body, complete } = await collect(res);
    expect(complete).toBe(false);
    expect(body.length).toBeGreaterThan(0);
    expect(body.length).toBeLessThan(2048);
  });

  it('breaks a supertest call with a connection error', async () => {
    await expect(call(agent, 'get', apiUrl(sandbox(), 'candidate', '/menu'))).rejects.toThrow();
  });
});

describe('fault stall', () => {
  const sandbox = useSandbox({ fault: 'stall' });

  it('never answers, so only the client timeout ends the call', async () => {
    const before = sandbox().stats().candidate;
    await expect(call(agent, 'get', apiUrl(sandbox(), 'candidate', '/menu')).timeout({ response: 300 })).rejects.toMatchObject({ timeout: 300 });
    expect(sandbox().stats().candidate).toBe(before + 1);
  });

  it('leaves the token endpoint working', async () => {
    const res = await tokenResponse(sandbox(), agent, 'candidate', { grant_type: 'client_credentials' });
    expect(res.status).toBe(200);
  });
});

describe('fault slow-drip', () => {
  const sandbox = useSandbox({ fault: 'slow-drip' });

  it(`drips the body one byte every ${slowDripIntervalMs} ms`, async () => {
    const start = performance.now();
    const res = await rawGet(apiUrl(sandbox(), 'candidate', '/menu'));
    expect(res.statusCode).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(slowDripBody.length);
    const arrivals: number[] = [];
    // Wait for the first three bytes by event, then stop: the whole body would take seconds.
    await new Promise<void>((resolve) => {
      res.on('data', (chunk: Buffer) => {
        for (let i = 0; i < chunk.length; i += 1) arrivals.push(performance.now() - start);
        if (arrivals.length >= 3) resolve();
      });
    });
    res.destroy();
    // Lower bounds only, from before the request was sent (a loaded machine delivers late, never
    // early): the gateway sends one byte per tick, so the third cannot arrive within two intervals.
    expect(arrivals[2]!).toBeGreaterThanOrEqual(2 * slowDripIntervalMs - 5);
    expect(slowDripBody.length * slowDripIntervalMs).toBeGreaterThanOrEqual(2_000);
  });
});

describe('fault invalid-json', () => {
  const sandbox = useSandbox({ fault: 'invalid-json' });

  it('labels the body JSON but sends something that does not parse', async () => {
    const res = await rawGet(apiUrl(sandbox(), 'candidate', '/menu'));
    expect(res.headers['content-type']).toBe('application/json');
    const { body, complete } = await collect(res);
    expect(complete).toBe(true);
    expect(() => JSON.parse(body.toString('utf8'))).toThrow(SyntaxError);
  });
});

describe('fault huge-body', () => {
  const sandbox = useSandbox({ fault: 'huge-body' });

  it('answers a valid JSON body of at least 10 MiB', async () => {
    const res = await rawGet(apiUrl(sandbox(), 'candidate', '/menu'));
    const declared = Number(res.headers['content-length']);
    expect(declared).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    const { body } = await collect(res);
    expect(body.length).toBe(declared);
    const parsed = JSON.parse(body.toString('utf8')) as unknown[];
    expect(parsed.length).toBeGreaterThan(1000);
  });
});

describe('fault gzip-bomb', () => {
  const sandbox = useSandbox({ fault: 'gzip-bomb' });

  it('sends about 1 MB of gzip that declares 1 GiB inflated, whose head inflates to spaces', async () => {
    const res = await rawGet(apiUrl(sandbox(), 'candidate', '/menu'));
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('application/json');
    const { body } = await collect(res);
    expect(body.length).toBe(Number(res.headers['content-length']));
    expect(body.length).toBeLessThan(2 * 1024 * 1024);
    expect(body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    // The gzip trailer's ISIZE: inflated length mod 2^32 = 1 GiB.
    expect(body.readUInt32LE(body.length - 4)).toBe(1024 * 1024 * 1024);
    // Inflate only the first 4 KiB of compressed bytes (about 4 MiB): never the whole gigabyte.
    const head = zlib.gunzipSync(body.subarray(0, 4 * 1024), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    expect(head.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(head.equals(Buffer.alloc(head.length, 0x20))).toBe(true);
  });
});

describe('fault wrong-content-length', () => {
  const sandbox = useSandbox({ fault: 'wrong-content-length' });

  it('declares more bytes than it sends, then ends the connection', async () => {
    const res = await rawGet(apiUrl(sandbox(), 'candidate', '/menu'));
    expect(Number(res.headers['content-length'])).toBe(wrongContentLength.declared);
    const { body, complete } = await collect(res);
    expect(complete).toBe(false);
    expect(body.toString('utf8')).toBe(wrongContentLength.body);
  });
});

describe('fault storm-500', () => {
  const sandbox = useSandbox({ fault: 'storm-500' });

  it('answers every candidate API call with 500, with or without a token', async () => {
    const token = await accessToken(sandbox(), agent, 'candidate');
    for (const resource of ['/menu', '/order/1', '/coupons']) {
      const res = await call(agent, 'get', apiUrl(sandbox(), 'candidate', resource)).set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(500);
      expect(res.body).toMatchObject({ code: 500, message: 'Internal Server Error' });
    }
    expect((await call(agent, 'get', apiUrl(sandbox(), 'candidate', '/menu'))).status).toBe(500);
  });

  it('leaves the token endpoint, the JWKS and the legacy gateway alone', async () => {
    expect((await call(agent, 'get', sandbox().env.CANDIDATE_JWKS_URL!)).status).toBe(200);
    const legacyToken = await accessToken(sandbox(), agent, 'legacy');
    const legacy = await call(agent, 'get', apiUrl(sandbox(), 'legacy', '/menu')).set('authorization', `Bearer ${legacyToken}`);
    expect(legacy.status).toBe(200);
  });
});

describe('fault storm-429', () => {
  const sandbox = useSandbox({ fault: 'storm-429' });

  it('answers every candidate API call with a Choreo 429 and Retry-After about a second ahead', async () => {
    for (let i = 0; i < 3; i += 1) {
      const res = await call(agent, 'get', apiUrl(sandbox(), 'candidate', '/menu'));
      expect(res.status).toBe(429);
      expect(res.body).toEqual({ code: '900802', error_message: 'Message throttled out', error_description: 'You have exceeded your quota' });
      const wait = Date.parse(res.headers['retry-after'] as string) - Date.now();
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(2_000);
    }
  });
});
