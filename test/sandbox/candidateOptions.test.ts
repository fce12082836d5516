import type http from 'node:http';
import { decodeJwt } from 'jose';
import { ConfigError } from '../../src/errors';
import { defaultSandboxOptions } from '../../src/sandbox/defaultSandboxOptions';
import { resolveSandboxOptions } from '../../src/sandbox/resolveSandboxOptions';
import { accessToken, apiUrl, call, keepAliveAgent, sampleOrder, tokenResponse, useSandbox, type Side } from './helpers';

let agent: http.Agent;
beforeAll(() => {
  agent = keepAliveAgent();
});
afterAll(() => agent.destroy());

const timed = async <T>(work: () => Promise<T>) => {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
};

describe('candidate option delayMs', () => {
  const delayMs = 1_000;
  const sandbox = useSandbox({ candidate: { delayMs } });

  it('adds the delay to every candidate API call but not to its token endpoint or to the legacy side', async () => {
    const token = await accessToken(sandbox(), agent, 'candidate');
    const legacyToken = await accessToken(sandbox(), agent, 'legacy');
    // Timers never fire early, so a lower bound on a delayed call holds on any machine. The timed
    // call runs alongside the ordering check below, so the test waits out one delay, not two.
    const slowCall = timed(() => call(agent, 'get', apiUrl(sandbox(), 'candidate', '/menu')).set('authorization', `Bearer ${token}`));
    // Undelayed calls are told apart by order, not by a stopwatch: while one delayed candidate call
    // is in flight, a candidate token request and a legacy API call both finish before it.
    const finished: string[] = [];
    const delayed = call(agent, 'get', apiUrl(sandbox(), 'candidate', '/menu')).then((res) => {
      finished.push('delayed candidate call');
      return res;
    });
    const tokenCall = await tokenResponse(sandbox(), agent, 'candidate', { grant_type: 'client_credentials' });
    finished.push('candidate token');
    const legacy = await call(agent, 'get', apiUrl(sandbox(), 'legacy', '/menu')).set('authorization', `Bearer ${legacyToken}`);
    finished.push('legacy call');
    expect((await delayed).status).toBe(401);
    expect(tokenCall.status).toBe(200);
    expect(legacy.status).toBe(200);
    expect(finished).toEqual(['candidate token', 'legacy call', 'delayed candidate call']);
    const slow = await slowCall;
    expect(slow.value.status).toBe(200);
    expect(slow.ms).toBeGreaterThanOrEqual(delayMs - 5);
  });
});

describe('candidate option violateSchema', () => {
  const sandbox = useSandbox({ candidate: { violateSchema: true } });

  it('drops name and turns price into a number in every candidate menu item, leaving legacy alone', async () => {
    const res = await call(agent, 'get', apiUrl(sandbox(), 'candidate', '/menu')).set('authorization', `Bearer ${await accessToken(sandbox(), agent, 'candidate')}`);
    expect(res.body).toHaveLength(5);
    for (const item of res.body as Record<string, unknown>[]) {
      expect(item).not.toHaveProperty('name');
      expect(typeof item.price).toBe('number');
      expect(item).toHaveProperty('icon');
    }
    const legacy = await call(agent, 'get', apiUrl(sandbox(), 'legacy', '/menu')).set('authorization', `Bearer ${await accessToken(sandbox(), agent, 'legacy')}`);
    expect(typeof legacy.body[0].price).toBe('string');
    expect(legacy.body[0]).toHaveProperty('name');
  });
});

describe('candidate option changeField', () => {
  const sandbox = useSandbox({ candidate: { changeField: { field: 'customerName', value: 'Mallory' } } });
  // The request is a thenable: it is awaited here, inside, so the body must be passed in.
  const send = async (side: Side, method: 'get' | 'post', resource: string, body?: object) => {
    const req = call(agent, method, apiUrl(sandbox(), side, resource)).set('authorization', `Bearer ${await accessToken(sandbox(), agent, side)}`);
    return body ? req.send(body) : req;
  };

  it('sets the field in a candidate JSON object body', async () => {
    const created = await send('candidate', 'post', '/order', sampleOrder);
    expect(created.body.customerName).toBe('Mallory');
    const read = await send('candidate', 'get', `/order/${created.body.orderId as string}`);
    expect(read.body).toEqual({ ...sampleOrder, orderId: created.body.orderId, customerName: 'Mallory' });
  });

  it('changes only bodies that carry the field: menu items (an array without it) stay as they are', async () => {
    const menu = await send('candidate', 'get', '/menu');
    expect(menu.body).toHaveLength(5);
    for (const item of menu.body as Record<string, unknown>[]) expect(item).not.toHaveProperty('customerName');
  });

  it('leaves a backend error body without the field alone', async () => {
    const missing = await send('candidate', 'get', '/order/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 404, message: 'Not Found', description: expect.any(String) });
  });

  it('leaves legacy answers and gateway faults alone', async () => {
    const legacy = await send('legacy', 'post', '/order', sampleOrder);
    expect(legacy.body.customerName).toBe('Jane Doe');
    const fault = await call(agent, 'get', apiUrl(sandbox(), 'candidate', '/menu'));
    expect(fault.body).not.toHaveProperty('customerName');
  });
});

describe('candidate option grantedScopes', () => {
  const sandbox = useSandbox({ candidate: { grantedScopes: [] } });

  it('caps the scopes the candidate grants, so its writes are forbidden while legacy writes succeed', async () => {
    const res = await tokenResponse(sandbox(), agent, 'candidate', { grant_type: 'client_credentials', scope: 'order_pizza' });
    expect(res.body.scope).toBe('default');
    expect(decodeJwt(res.body.access_token as string).scope).toBe('default');
    const write = await call(agent, 'post', apiUrl(sandbox(), 'candidate', '/order')).set('authorization', `Bearer ${res.body.access_token as string}`).send(sampleOrder);
    expect(write.status).toBe(403);
    const legacy = await tokenResponse(sandbox(), agent, 'legacy', { grant_type: 'client_credentials', scope: 'order_pizza' });
    expect(legacy.body.scope).toBe('order_pizza');
  });
});

describe('candidate option tokenLifetimeSec', () => {
  const sandbox = useSandbox({ candidate: { tokenLifetimeSec: 60 } });

  it('sets expires_in and the JWT lifetime', async () => {
    const res = await tokenResponse(sandbox(), agent, 'candidate', { grant_type: 'client_credentials' });
    expect(res.body.expires_in).toBe(60);
    const claims = decodeJwt(res.body.access_token as string);
    expect(claims.exp! - claims.iat!).toBe(60);
  });
});

describe('resolveSandboxOptions', () => {
  it('fills every option from the defaults table', () => {
    expect(resolveSandboxOptions()).toEqual(defaultSandboxOptions);
    expect(defaultSandboxOptions.candidate.tokenLifetimeSec).toBe(900);
    expect(defaultSandboxOptions.legacy.tokenLifetimeSec).toBe(3600);
  });

  it('merges nested options without losing the other defaults', () => {
    const options = resolveSandboxOptions({ quota: { candidate: 5 }, candidate: { delayMs: 10 } });
    expect(options.quota).toEqual({ legacy: null, candidate: 5 });
    expect(options.candidate).toMatchObject({ delayMs: 10, tokenLifetimeSec: 900, violateSchema: false });
  });

  it.each([
    [{ fault: 'meltdown' as never }, 'fault', /use one of: reset-mid-body/],
    [{ quota: { legacy: 0 } }, 'quota.legacy', undefined],
    [{ candidate: { delayMs: -1 } }, 'candidate.delayMs', undefined],
    [{ candidate: { changeField: { value: 'x' } } }, 'candidate.changeField.field', /field/],
  ])('rejects %j with a ConfigError naming %s', (input, path, hint) => {
    try {
      resolveSandboxOptions(input);
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).path).toBe(path);
      if (hint) expect((error as ConfigError).hint).toMatch(hint);
    }
  });
});
