import type http from 'node:http';
import { startSandbox } from '../../src/sandbox/startSandbox';
import type { Sandbox } from '../../src/sandbox/types';
import { call, keepAliveAgent, sampleOrder, unsignedJwt, uuidPattern } from './helpers';

describe('PizzaShack sandbox backend', () => {
  let sandbox: Sandbox;
  let agent: http.Agent;
  const jwt = unsignedJwt({ iss: 'test', sub: 'direct' });
  const backend = (method: 'get' | 'post' | 'put' | 'delete', path: string) =>
    call(agent, method, `${sandbox.urls.backend}${path}`).set('X-JWT-Assertion', jwt);

  beforeAll(async () => {
    sandbox = await startSandbox();
    agent = keepAliveAgent();
  });
  afterAll(async () => {
    agent.destroy();
    await sandbox.close();
  });

  it('refuses a call without a backend JWT with a 401 Error body', async () => {
    const res = await call(agent, 'get', `${sandbox.urls.backend}/menu`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 401, message: 'Unauthorized', description: expect.any(String) });
  });

  it('refuses a backend JWT whose payload does not decode', async () => {
    const res = await call(agent, 'get', `${sandbox.urls.backend}/menu`).set('x-jwt-assertion', 'abc.%%%.def');
    expect(res.status).toBe(401);
  });

  it('reads the backend JWT header whatever its case', async () => {
    const res = await call(agent, 'get', `${sandbox.urls.backend}/menu`).set('X-JWT-ASSERTION', jwt);
    expect(res.status).toBe(200);
  });

  it('lists five menu items with icon instead of image, string prices and an x-menu-version header', async () => {
    const res = await backend('get', '/menu');
    expect(res.status).toBe(200);
    expect(res.headers['x-menu-version']).toBe('1.0');
    expect(res.body).toHaveLength(5);
    for (const item of res.body as Record<string, unknown>[]) {
      expect(Object.keys(item).sort()).toEqual(['description', 'icon', 'name', 'price']);
      expect(item.price).toMatch(/^\d+\.\d\d$/);
    }
    expect((res.body as { name: string }[])[0]!.name).toBe('BBQ Chicken Bacon');
  });

  it('moves every price on consecutive menu calls but keeps the item order', async () => {
    let previous = (await backend('get', '/menu')).body as { name: string; price: string }[];
    for (let call = 0; call < 20; call += 1) {
      const next = (await backend('get', '/menu')).body as { name: string; price: string }[];
      expect(next.map((i) => i.name)).toEqual(previous.map((i) => i.name));
      next.forEach((item, i) => expect(item.price).not.toBe(previous[i]!.price));
      previous = next;
    }
  });

  it('creates an order with a UUID and a Location at the backend base', async () => {
    const res = await backend('post', '/order').send(sampleOrder);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ...sampleOrder, orderId: expect.stringMatching(uuidPattern) });
    expect(res.headers.location).toBe(`${sandbox.urls.backend}/order/${res.body.orderId as string}`);
  });

  it('defaults delivered to false and keeps only known order fields', async () => {
    const res = await backend('post', '/order').send({ pizzaType: 'Hawaiian', quantity: 1, orderId: 'mine', extra: true });
    expect(res.body).toEqual({ orderId: expect.stringMatching(uuidPattern), customerName: '', delivered: false, address: '', pizzaType: 'Hawaiian', creditCardNumber: '', quantity: 1 });
  });

  it('answers 415 to an order that is not JSON', async () => {
    const res = await backend('post', '/order').set('content-type', 'text/plain').send('pizzaType=Margherita&quantity=1');
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 415, message: 'Unsupported Media Type' });
  });

  it.each([
    ['malformed JSON', '{"pizzaType": "x", '],
    ['no pizzaType', JSON.stringify({ quantity: 1 })],
    ['no quantity', JSON.stringify({ pizzaType: 'x' })],
    ['a zero quantity', JSON.stringify({ pizzaType: 'x', quantity: 0 })],
    ['a string quantity', JSON.stringify({ pizzaType: 'x', quantity: '2' })],
    ['a JSON array', JSON.stringify([sampleOrder])],
  ])('answers 400 with an Error body to an order with %s', async (_, body) => {
    const res = await backend('post', '/order').set('content-type', 'application/json').send(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 400, message: 'Bad Request', description: expect.any(String) });
  });

  it('reads, replaces and deletes an order, then answers 404 for it', async () => {
    const id = ((await backend('post', '/order').send(sampleOrder)).body as { orderId: string }).orderId;
    expect((await backend('get', `/order/${id}`)).body).toEqual({ ...sampleOrder, orderId: id });

    const put = await backend('put', `/order/${id}`).send({ ...sampleOrder, quantity: 5, delivered: true });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ ...sampleOrder, quantity: 5, delivered: true, orderId: id });

    const del = await backend('delete', `/order/${id}`);
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ orderId: id, quantity: 5 });

    for (const method of ['get', 'put', 'delete'] as const) {
      const res = await backend(method, `/order/${id}`).send(sampleOrder);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 404, message: 'Not Found' });
    }
  });

  it('validates a replacement like a new order', async () => {
    const id = ((await backend('post', '/order').send(sampleOrder)).body as { orderId: string }).orderId;
    const res = await backend('put', `/order/${id}`).send({ pizzaType: 'x', quantity: -1 });
    expect(res.status).toBe(400);
  });

  it('does not attribute calls made without a gateway to either gateway', async () => {
    await backend('get', '/menu');
    expect(sandbox.lastBackendClaims('legacy')).toBeUndefined();
    expect(sandbox.lastBackendClaims('candidate')).toBeUndefined();
  });
});
