import type http from 'node:http';
import { driftScript } from '../../src/sandbox/candidateTransforms';
import { accessToken, apiUrl, call, keepAliveAgent, sampleOrder, useSandbox, type Side } from './helpers';

/**
 * Drift mode is the sandbox's set of real regressions. Every change is checked on the candidate,
 * and checked to be absent on the legacy side, so each assertion fails if the change disappears
 * or leaks to the wrong gateway.
 */
describe('drift mode', () => {
  const sandbox = useSandbox({ drift: true });
  let agent: http.Agent;
  const tokens: Partial<Record<Side, string>> = {};
  const send = (side: Side, method: 'get' | 'post' | 'put' | 'delete', resource: string) =>
    call(agent, method, apiUrl(sandbox(), side, resource)).set('authorization', `Bearer ${tokens[side]!}`);
  const createOrder = async (side: Side) => ((await send(side, 'post', '/order').send(sampleOrder)).body as { orderId: string }).orderId;

  beforeAll(async () => {
    agent = keepAliveAgent();
    tokens.legacy = await accessToken(sandbox(), agent, 'legacy');
    tokens.candidate = await accessToken(sandbox(), agent, 'candidate');
  });
  afterAll(() => agent.destroy());

  it('(1) reverses the menu, drops x-menu-version and plants a script in the first description', async () => {
    const legacy = await send('legacy', 'get', '/menu');
    const candidate = await send('candidate', 'get', '/menu');
    const names = (body: unknown) => (body as { name: string }[]).map((i) => i.name);
    expect(names(candidate.body)).toEqual([...names(legacy.body)].reverse());
    expect(legacy.headers['x-menu-version']).toBe('1.0');
    expect(candidate.headers['x-menu-version']).toBeUndefined();
    expect(candidate.body[0].description).toBe("<script>document.title='pwned'</script>");
    expect(driftScript).toBe("<script>document.title='pwned'</script>");
    expect((candidate.body as { description: string }[]).slice(1).map((i) => i.description)).not.toContain(driftScript);
    expect(legacy.body[0].description).not.toBe(driftScript);
  });

  it('(2) answers POST /order with quantity as a string', async () => {
    const legacy = await send('legacy', 'post', '/order').send(sampleOrder);
    const candidate = await send('candidate', 'post', '/order').send(sampleOrder);
    expect(legacy.body.quantity).toBe(2);
    expect(candidate.status).toBe(201);
    expect(candidate.body.quantity).toBe('2');
    expect(candidate.headers.location).toContain(candidate.body.orderId);
  });

  it('(3) renames customerName to customer_name on GET /order/{id}, in place', async () => {
    const id = await createOrder('candidate');
    const res = await send('candidate', 'get', `/order/${id}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['orderId', 'customer_name', 'delivered', 'address', 'pizzaType', 'creditCardNumber', 'quantity']);
    expect(res.body.customer_name).toBe('Jane Doe');
    const legacyId = await createOrder('legacy');
    expect((await send('legacy', 'get', `/order/${legacyId}`)).body.customerName).toBe('Jane Doe');
  });

  it('(4) answers DELETE /order/{id} with a backend-style 500, although the order is gone', async () => {
    const id = await createOrder('candidate');
    const res = await send('candidate', 'delete', `/order/${id}`);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ code: 500, message: 'Internal Server Error', description: expect.any(String) });
    expect((await send('candidate', 'get', `/order/${id}`)).status).toBe(404);
    const legacyId = await createOrder('legacy');
    expect((await send('legacy', 'delete', `/order/${legacyId}`)).status).toBe(200);
  });

  it('(5) reports an invalid token as 900900 Unclassified Authentication Failure', async () => {
    const res = await call(agent, 'get', apiUrl(sandbox(), 'candidate', '/menu')).set('authorization', 'Bearer not-a-jwt');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: '900900', error_message: 'Unclassified Authentication Failure' });
  });

  it('keeps a missing token at 900901', async () => {
    const res = await call(agent, 'get', apiUrl(sandbox(), 'candidate', '/menu'));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('900901');
  });

  it('changes nothing else: PUT, a missing order and the legacy invalid-token fault behave as without drift', async () => {
    const id = await createOrder('candidate');
    const put = await send('candidate', 'put', `/order/${id}`).send({ ...sampleOrder, quantity: 3 });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ ...sampleOrder, quantity: 3, orderId: id });
    expect((await send('candidate', 'delete', '/order/nope')).status).toBe(404);
    const legacy = await call(agent, 'get', apiUrl(sandbox(), 'legacy', '/menu')).set('authorization', 'Bearer nope').set('accept', 'application/json');
    expect(legacy.body.fault.code).toBe(900901);
  });
});
