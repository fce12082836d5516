import { closeHttpAgents, sendRequest } from '../../src/execute/sendRequest';
import type { OutgoingRequest } from '../../src/execute/types';
import { sendSettings, startLoopback, type Loopback } from './loopback';

function request(url: string, extra: Partial<OutgoingRequest> = {}): OutgoingRequest {
  return { target: 'candidate', method: 'GET', url, headers: { authorization: 'Bearer some-token' }, idempotent: true, ...extra };
}

describe('sendRequest redirects', () => {
  let origin: Loopback;
  let other: Loopback;
  beforeEach(async () => {
    other = await startLoopback((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ host: 'other', auth: req.headers.authorization ?? null }));
    });
    origin = await startLoopback((req, res, body) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const hops = Number(url.searchParams.get('hops') ?? '0');
      if (url.pathname === '/away') return void res.writeHead(302, { location: `${other.url}/landing` }).end();
      if (url.pathname === '/loop') return void res.writeHead(302, { location: `/loop?hops=${hops + 1}` }).end(`hop ${hops}`);
      if (url.pathname === '/moved') return void res.writeHead(301, { location: '/final' }).end();
      if (url.pathname === '/created') return void res.writeHead(303, { location: '/final' }).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ host: 'origin', method: req.method, body }));
    });
  });
  afterEach(async () => {
    await origin.close();
    await other.close();
  });
  afterAll(() => closeHttpAgents());

  it('records the 3xx itself with followRedirects never', async () => {
    const exchange = await sendRequest(request(`${origin.url}/moved`), sendSettings({ followRedirects: 'never' }));
    expect(exchange.response?.status).toBe(301);
    expect(exchange.response?.headers['location']).toBe('/final');
    expect(origin.hits).toHaveLength(1);
  });

  it('follows a same-origin redirect with same-host', async () => {
    const exchange = await sendRequest(request(`${origin.url}/moved`), sendSettings({ followRedirects: 'same-host' }));
    expect(exchange.response?.status).toBe(200);
    expect(exchange.response?.body.json).toMatchObject({ host: 'origin' });
    expect(exchange.request.url).toBe(`${origin.url}/moved`);
  });

  it('does not follow a redirect to another host with same-host', async () => {
    const exchange = await sendRequest(request(`${origin.url}/away`), sendSettings({ followRedirects: 'same-host' }));
    expect(exchange.response?.status).toBe(302);
    expect(other.hits).toHaveLength(0);
  });

  it('follows a redirect to another host with any, without carrying the Authorization header', async () => {
    const exchange = await sendRequest(request(`${origin.url}/away`), sendSettings({ followRedirects: 'any' }));
    expect(exchange.response?.body.json).toEqual({ host: 'other', auth: null });
  });

  it('stops after 5 redirects, records the last 3xx and says why', async () => {
    const exchange = await sendRequest(request(`${origin.url}/loop`), sendSettings({ followRedirects: 'same-host' }));
    expect(origin.hits).toHaveLength(6);
    expect(exchange.response?.status).toBe(302);
    expect(exchange.response?.body.text).toBe('hop 5');
    expect(exchange.error?.name).toBe('RedirectLimitError');
  });

  it('turns a POST into a GET without a body on 303', async () => {
    const exchange = await sendRequest(
      request(`${origin.url}/created`, { method: 'POST', idempotent: false, headers: { 'content-type': 'application/json' }, body: '{"a":1}' }),
      sendSettings({ followRedirects: 'same-host' }),
    );
    expect(exchange.response?.body.json).toEqual({ host: 'origin', method: 'GET', body: '' });
    expect(exchange.request.method).toBe('POST');
  });

  it('paces every hop of a redirect chain', async () => {
    const settings = sendSettings({ followRedirects: 'same-host' });
    let acquired = 0;
    const pacer = { ...settings.pacer, acquire: (...args: Parameters<typeof settings.pacer.acquire>) => ((acquired += 1), settings.pacer.acquire(...args)) };
    await sendRequest(request(`${origin.url}/moved`), { ...settings, pacer });
    expect(acquired).toBe(2);
  });
});

describe('sendRequest cross-origin redirects and credentials', () => {
  let origin: Loopback;
  let other: Loopback;
  beforeEach(async () => {
    other = await startLoopback((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ headers: req.headers }));
    });
    origin = await startLoopback((_req, res) => void res.writeHead(307, { location: `${other.url}/landing` }).end());
  });
  afterEach(async () => {
    await origin.close();
    await other.close();
  });
  afterAll(() => closeHttpAgents());

  it('strips every API-key header and any header carrying a registered secret, and keeps the rest', async () => {
    const settings = sendSettings({ followRedirects: 'any' });
    settings.redactor.add('csrf-value-0c7e1d2b', 'env.CSRF');
    const headers = {
      authorization: 'Bearer t',
      cookie: 'a=b',
      'api-key': 'k1',
      'x-api-key': 'k2',
      apikey: 'k3',
      'internal-key': 'k4',
      'x-xsrf': 'csrf-value-0c7e1d2b',
      accept: 'application/json',
    };
    const exchange = await sendRequest(request(`${origin.url}/go`, { headers }), settings);
    const received = (exchange.response?.body.json as { headers: Record<string, string> }).headers;
    expect(Object.keys(received).filter((name) => name in headers)).toEqual(['accept']);
    expect(origin.hits[0]!.headers['x-api-key']).toBe('k2');
  });
});
