import type http from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import { formatNextAccessTime } from '../../src/sandbox/apiCloudFaults';
import { createQuota } from '../../src/sandbox/quota';
import { accessToken, apiUrl, asText, call, keepAliveAgent, useSandbox } from './helpers';

let agent: http.Agent;
beforeAll(() => {
  agent = keepAliveAgent();
});
afterAll(() => agent.destroy());

describe('per-minute quota', () => {
  it('admits `limit` requests per window, rejects the rest without counting them, and opens a new window after a minute', () => {
    const quota = createQuota(2);
    const t0 = 1_000_000;
    expect(quota.take(t0)).toEqual({ allowed: true, limit: 2, remaining: 1, resetAtMs: t0 + 60_000 });
    expect(quota.take(t0 + 10)).toMatchObject({ allowed: true, remaining: 0 });
    expect(quota.take(t0 + 20)).toMatchObject({ allowed: false, remaining: 0, resetAtMs: t0 + 60_000 });
    expect(quota.take(t0 + 59_999)).toMatchObject({ allowed: false });
    expect(quota.take(t0 + 60_000)).toEqual({ allowed: true, limit: 2, remaining: 1, resetAtMs: t0 + 120_000 });
  });

  it('is not consulted at all when unlimited', () => {
    expect(createQuota(null).take()).toBeUndefined();
  });

  it("formats API Manager's nextAccessTime", () => {
    expect(formatNextAccessTime(Date.UTC(2024, 0, 5, 10, 1, 0))).toBe('2024-Jan-05 10:01:00+0000 UTC');
  });
});

describe('legacy gateway over its quota', () => {
  const sandbox = useSandbox({ quota: { legacy: 2, candidate: null } });

  it('answers the third call of the minute with an XML amt:fault 900802, nextAccessTime and no Retry-After', async () => {
    const token = await accessToken(sandbox(), agent, 'legacy');
    const url = apiUrl(sandbox(), 'legacy', '/menu');
    for (let i = 0; i < 2; i += 1) expect((await call(agent, 'get', url).set('authorization', `Bearer ${token}`)).status).toBe(200);

    const res = await call(agent, 'get', url).set('authorization', `Bearer ${token}`).buffer(true).parse(asText);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeUndefined();
    expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    expect(res.body).toContain('<amt:fault xmlns:amt="http://wso2.org/apimanager/throttling">');
    const fault = new XMLParser({ parseTagValue: false }).parse(res.body as string)['amt:fault'];
    expect(fault).toEqual({
      'amt:code': '900802',
      'amt:message': 'Message throttled out',
      'amt:description': 'You have exceeded your quota',
      'amt:nextAccessTime': expect.stringMatching(/^\d{4}-[A-Z][a-z]{2}-\d\d \d\d:\d\d:\d\d\+0000 UTC$/),
    });

    const json = await call(agent, 'get', url).set('authorization', `Bearer ${token}`).set('accept', 'application/json');
    expect(json.status).toBe(429);
    expect(json.body).toEqual({
      fault: { code: 900802, message: 'Message throttled out', description: 'You have exceeded your quota', nextAccessTime: expect.any(String) },
    });
  });

  it('still answers a call without credentials with 401, before the quota', async () => {
    const res = await call(agent, 'get', apiUrl(sandbox(), 'legacy', '/menu'));
    expect(res.status).toBe(401);
  });
});

describe('candidate gateway over its quota', () => {
  const sandbox = useSandbox({ quota: { legacy: null, candidate: 2 } });

  it('counts down x-ratelimit-remaining, then answers 429 Choreo-style with Retry-After as an HTTP date', async () => {
    const token = await accessToken(sandbox(), agent, 'candidate');
    const url = apiUrl(sandbox(), 'candidate', '/menu');
    const first = await call(agent, 'get', url).set('authorization', `Bearer ${token}`);
    expect(first.status).toBe(200);
    expect(first.headers).toMatchObject({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1' });
    const second = await call(agent, 'get', url).set('authorization', `Bearer ${token}`);
    expect(second.headers['x-ratelimit-remaining']).toBe('0');

    const res = await call(agent, 'get', url).set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ code: '900802', error_message: 'Message throttled out', error_description: 'You have exceeded your quota' });
    expect(res.body).not.toHaveProperty('nextAccessTime');
    expect(res.headers).toMatchObject({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '0' });
    const reset = Number(res.headers['x-ratelimit-reset']);
    expect(reset).toBeGreaterThan(55);
    expect(reset).toBeLessThanOrEqual(60);
    const retryAt = Date.parse(res.headers['retry-after'] as string);
    expect(res.headers['retry-after']).toMatch(/GMT$/);
    expect(retryAt).toBeGreaterThan(Date.now() + 55_000);
    expect(retryAt).toBeLessThanOrEqual(Date.now() + 61_000);
  });
});
