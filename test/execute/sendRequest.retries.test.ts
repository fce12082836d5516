import { closeHttpAgents, sendRequest } from '../../src/execute/sendRequest';
import type { OutgoingRequest } from '../../src/execute/types';
import { recordingPacer, sendSettings, startLoopback, unlimitedPacer, type Loopback } from './loopback';

const retry = { throttled: 2, transient: 2, backoffMs: 20 };

function request(url: string, extra: Partial<OutgoingRequest> = {}): OutgoingRequest {
  return { target: 'legacy', method: 'GET', url, headers: { accept: 'application/json' }, idempotent: true, ...extra };
}

/** Answers the given replies in order, then 200 {"ok":true}. */
async function scripted(replies: Array<(res: import('node:http').ServerResponse) => void>): Promise<Loopback> {
  return startLoopback((_req, res, _body, index) => {
    const reply = replies[index];
    if (reply) return reply(res);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
}

const apiCloudThrottleFault = (nextAccessTime?: string): string =>
  '<amt:fault xmlns:amt="http://wso2.org/apimanager/throttling"><amt:code>900802</amt:code>' +
  '<amt:message>Message throttled out</amt:message><amt:description>You have exceeded your quota</amt:description>' +
  `${nextAccessTime ? `<amt:nextAccessTime>${nextAccessTime}</amt:nextAccessTime>` : ''}</amt:fault>`;

describe('sendRequest retries', () => {
  let server: Loopback;
  afterEach(() => server.close());
  afterAll(() => closeHttpAgents());

  it('waits out a 429 for Retry-After seconds, records the retry and the final answer, and pauses the target', async () => {
    server = await scripted([(res) => res.writeHead(429, { 'retry-after': '1' }).end()]);
    const pacer = recordingPacer(unlimitedPacer());
    const exchange = await sendRequest(request(`${server.url}/menu`), sendSettings({ retry, pacer }));
    expect(exchange.error).toBeUndefined();
    expect(exchange.response?.status).toBe(200);
    expect(exchange.retries).toEqual([{ attempt: 1, reason: 'throttled', status: 429, waitedMs: 1000, detail: '429: Retry-After: 1' }]);
    const [first, second] = server.hits;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(990);
    expect(pacer.pauses).toHaveLength(1);
    expect(pacer.pauses[0]?.target).toBe('legacy');
  });

  it('waits out a 429 until a Retry-After HTTP date (as Choreo sends it)', async () => {
    let retryAt = 0;
    server = await scripted([
      (res) => {
        // HTTP dates have whole seconds: the next full second, at least 300 ms away.
        retryAt = Math.ceil((Date.now() + 300) / 1000) * 1000;
        res.writeHead(429, { 'retry-after': new Date(retryAt).toUTCString(), 'content-type': 'application/json' });
        res.end('{"code":"900802","error_message":"Message throttled out","error_description":"You have exceeded your quota"}');
      },
    ]);
    const exchange = await sendRequest(request(`${server.url}/menu`), sendSettings({ retry }));
    expect(exchange.response?.status).toBe(200);
    expect(exchange.retries[0]).toMatchObject({ reason: 'throttled', status: 429 });
    expect(exchange.retries[0]?.detail).toContain('GMT');
    expect(server.hits[1]?.at).toBeGreaterThanOrEqual(retryAt - 5);
  });

  it('waits for the next window when a 429 says nothing about when to come back (API Cloud)', async () => {
    const throttleWindowMs = 1000;
    server = await scripted([(res) => res.writeHead(429, { 'content-type': 'application/xml' }).end(apiCloudThrottleFault())]);
    const exchange = await sendRequest(request(`${server.url}/menu`), sendSettings({ retry, limits: { throttleWindowMs } }));
    expect(exchange.response?.status).toBe(200);
    expect(exchange.retries[0]?.waitedMs).toBeLessThanOrEqual(throttleWindowMs + 250);
    expect(exchange.retries[0]?.detail).toContain('next 1000 ms window');
    const [first, second] = server.hits.map((h) => Math.floor(h.at / throttleWindowMs));
    expect(second).toBeGreaterThan(first as number);
  });

  it('waits until <amt:nextAccessTime> when the API Cloud fault carries one', async () => {
    let next = 0;
    server = await scripted([
      (res) => {
        next = Math.ceil((Date.now() + 400) / 1000) * 1000;
        const d = new Date(next);
        const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
        const pad = (n: number): string => String(n).padStart(2, '0');
        const text = `${d.getUTCFullYear()}-${months[d.getUTCMonth()]}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+0000 UTC`;
        res.writeHead(429, { 'content-type': 'application/xml' }).end(apiCloudThrottleFault(text));
      },
    ]);
    const exchange = await sendRequest(request(`${server.url}/menu`), sendSettings({ retry, limits: { throttleWindowMs: 60_000 } }));
    expect(exchange.response?.status).toBe(200);
    expect(exchange.retries[0]?.detail).toContain('nextAccessTime');
    expect(server.hits[1]?.at).toBeGreaterThanOrEqual(next - 5);
  });

  it('gives up with ThrottledError, keeping the 429, when asked to wait longer than the maximum', async () => {
    server = await scripted([(res) => res.writeHead(429, { 'retry-after': '3600' }).end()]);
    const pacer = recordingPacer(unlimitedPacer());
    const exchange = await sendRequest(request(`${server.url}/menu`), sendSettings({ retry, pacer, limits: { maxThrottleWaitMs: 2_000 } }));
    expect(server.hits).toHaveLength(1);
    expect(exchange.response?.status).toBe(429);
    expect(exchange.error?.name).toBe('ThrottledError');
    expect(exchange.error?.message).toContain('3600000 ms');
    // The pause is capped too: one absurd Retry-After must not stall the whole run.
    expect((pacer.pauses[0]?.untilMs ?? 0) - Date.now()).toBeLessThanOrEqual(2_000);
  });

  it('gives up with ThrottledError after retry.throttled retries, each one recorded', async () => {
    const tooMany = (res: import('node:http').ServerResponse): void => void res.writeHead(429, { 'retry-after': '0' }).end();
    server = await scripted([tooMany, tooMany, tooMany, tooMany]);
    const exchange = await sendRequest(request(`${server.url}/menu`, { method: 'POST', idempotent: false }), sendSettings({ retry }));
    expect(server.hits).toHaveLength(3);
    expect(exchange.retries.map((r) => r.attempt)).toEqual([1, 2]);
    expect(exchange.response?.status).toBe(429);
    expect(exchange.error?.name).toBe('ThrottledError');
    expect(exchange.error?.message).toContain('still throttled after 2 retries');
  });

  it('retries a 503 for a GET with exponential backoff', async () => {
    const unavailable = (res: import('node:http').ServerResponse): void => void res.writeHead(503).end('busy');
    server = await scripted([unavailable, unavailable]);
    const exchange = await sendRequest(request(`${server.url}/menu`), sendSettings({ retry }));
    expect(exchange.response?.status).toBe(200);
    expect(exchange.retries).toEqual([
      { attempt: 1, reason: 'server-error', status: 503, waitedMs: 20, detail: expect.stringContaining('503') },
      { attempt: 2, reason: 'server-error', status: 503, waitedMs: 40, detail: expect.stringContaining('503') },
    ]);
  });

  it('does not retry a 503 for a POST: it may have been processed', async () => {
    server = await scripted([(res) => res.writeHead(503).end('busy')]);
    const exchange = await sendRequest(request(`${server.url}/order`, { method: 'POST', idempotent: false, body: '{}' }), sendSettings({ retry }));
    expect(server.hits).toHaveLength(1);
    expect(exchange.response?.status).toBe(503);
    expect(exchange.retries).toEqual([]);
    expect(exchange.error).toBeUndefined();
  });

  it('retries a connection reset for an idempotent request', async () => {
    server = await startLoopback((req, res, _body, index) => {
      if (index === 0) return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('recovered');
    });
    const exchange = await sendRequest(request(`${server.url}/menu`), sendSettings({ retry }));
    expect(exchange.response?.body.text).toBe('recovered');
    expect(exchange.retries).toHaveLength(1);
    expect(exchange.retries[0]).toMatchObject({ attempt: 1, reason: 'connection', waitedMs: 20 });
  });

  it('does not retry a connection reset for a POST', async () => {
    server = await startLoopback((req) => void req.socket.destroy());
    const exchange = await sendRequest(request(`${server.url}/order`, { method: 'POST', idempotent: false, body: '{}' }), sendSettings({ retry }));
    expect(server.hits).toHaveLength(1);
    expect(exchange.error?.name).toBe('TargetUnreachableError');
    expect(exchange.retries).toEqual([]);
  });

  it('retries a timeout for an idempotent request and says so when it gives up', async () => {
    server = await startLoopback(() => undefined);
    // 400 ms, not less: each attempt must reach the server's handler (same event loop) before its
    // timeout fires, even on a loaded machine; the server's hits prove the request was re-sent.
    const exchange = await sendRequest(request(`${server.url}/stall`), sendSettings({ retry: { ...retry, transient: 1 }, timeoutMs: 400 }));
    expect(server.hits).toHaveLength(2);
    expect(exchange.retries).toEqual([{ attempt: 1, reason: 'timeout', waitedMs: 20, detail: expect.stringContaining('timed out after 400 ms') }]);
    expect(exchange.error?.name).toBe('TimeoutError');
    expect(exchange.error?.message).toContain('gave up after 1 retry');
  });

  it('records an interruption during a retry wait as Interrupted, keeping the last answer', async () => {
    server = await scripted([(res) => res.writeHead(429, { 'retry-after': '30' }).end()]);
    // The run is stopped the moment the harness acts on the 429 (it pauses the target before it
    // waits), so the stop lands in the retry wait however slow the machine is.
    const controller = new AbortController();
    const pacer = { ...unlimitedPacer(), pause: () => controller.abort() };
    const exchange = await sendRequest(request(`${server.url}/menu`), sendSettings({ retry, signal: controller.signal, pacer }));
    expect(exchange.error?.name).toBe('Interrupted');
    expect(exchange.response?.status).toBe(429);
    expect(server.hits).toHaveLength(1);
  });
});
