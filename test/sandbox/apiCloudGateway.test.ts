import type http from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import { startSandbox } from '../../src/sandbox/startSandbox';
import type { Sandbox } from '../../src/sandbox/types';
import { accessToken, apiUrl, asText, basic, call, keepAliveAgent, sampleOrder, useSandbox, uuidPattern } from './helpers';

let sandbox: Sandbox;
let agent: http.Agent;
let token: string;
const xml = new XMLParser({ parseTagValue: false });
const url = (resource: string) => apiUrl(sandbox, 'legacy', resource);
const describeFailure = (code: number, text: string) => `Access failure for API: /t/acme/pizzashack/1.0.0, version: 1.0.0 status: (${code}) - ${text}`;

beforeAll(async () => {
  sandbox = await startSandbox();
  agent = keepAliveAgent();
  token = await accessToken(sandbox, agent, 'legacy');
});
afterAll(async () => {
  agent.destroy();
  await sandbox.close();
});

describe('API Cloud gateway: proxying', () => {
  it('proxies GET /menu with an RS256 backend JWT carrying API Manager claims', async () => {
    const res = await call(agent, 'get', url('/menu')).set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(5);
    expect(res.headers['x-menu-version']).toBe('1.0');
    const claims = sandbox.lastBackendClaims('legacy');
    expect(claims).toMatchObject({
      iss: 'wso2.org/products/am',
      'http://wso2.org/claims/apicontext': '/t/acme/pizzashack/1.0.0',
      'http://wso2.org/claims/version': '1.0.0',
      'http://wso2.org/claims/subscriber': 'qa@pizzashack.example@acme',
      'http://wso2.org/claims/applicationname': expect.any(String),
      'http://wso2.org/claims/tier': 'Bronze',
      'http://wso2.org/claims/enduser': 'qa@pizzashack.example@acme',
    });
    // Choreo-only claims (facts §4) must not appear on the legacy side.
    expect(claims).not.toHaveProperty(['http://wso2.org/claims/keytype']);
    expect(sandbox.lastBackendClaims('candidate')).toBeUndefined();
  });

  it("puts the password-grant user in the backend JWT's enduser claim", async () => {
    const { username, password } = sandbox.credentials.legacy;
    const res = await call(agent, 'post', sandbox.env.LEGACY_TOKEN_URL!)
      .set('authorization', basic(sandbox.credentials.legacy.clientId, sandbox.credentials.legacy.clientSecret))
      .type('form')
      .send({ grant_type: 'password', username, password });
    await call(agent, 'get', url('/menu')).set('authorization', `Bearer ${res.body.access_token as string}`);
    expect(sandbox.lastBackendClaims('legacy')?.['http://wso2.org/claims/enduser']).toBe(username);
  });

  it("rewrites the backend's Location to the gateway's API base", async () => {
    const res = await call(agent, 'post', url('/order')).set('authorization', `Bearer ${token}`).send(sampleOrder);
    expect(res.status).toBe(201);
    expect(res.body.orderId).toMatch(uuidPattern);
    expect(res.headers.location).toBe(`${sandbox.env.LEGACY_API_PIZZASHACK_URL}/order/${res.body.orderId as string}`);
  });

  it('passes backend errors through unchanged', async () => {
    const res = await call(agent, 'post', url('/order')).set('authorization', `Bearer ${token}`).set('content-type', 'text/plain').send('x');
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 415 });
  });

  it('adds activityid and CORS headers, and no server header on proxied answers', async () => {
    const res = await call(agent, 'get', url('/menu')).set('authorization', `Bearer ${token}`);
    expect(res.headers.activityid).toMatch(uuidPattern);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toBe('GET,PUT,POST,DELETE,PATCH,OPTIONS');
    expect(res.headers['access-control-allow-headers']).toBe('authorization,Access-Control-Allow-Origin,Content-Type,SOAPAction');
    expect(res.headers.server).toBeUndefined();
  });

  it('answers a CORS preflight without asking for a token', async () => {
    const res = await call(agent, 'options', url('/order'));
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('API Cloud gateway: faults', () => {
  it('answers a call without credentials with an XML ams:fault 900902, the OAuth2 challenge, chunked', async () => {
    const res = await call(agent, 'get', url('/menu')).buffer(true).parse(asText);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.headers['www-authenticate']).toBe('OAuth2 realm="WSO2 API Manager"');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers.server).toBe('WSO2 Carbon Server');
    expect(res.headers.activityid).toMatch(uuidPattern);
    expect(res.body).toContain('<ams:fault xmlns:ams="http://wso2.org/apimanager/security">');
    expect(xml.parse(res.body as string)).toEqual({
      'ams:fault': {
        'ams:code': '900902',
        'ams:message': 'Missing Credentials',
        'ams:description': describeFailure(900902, 'Missing Credentials. Make sure your API invocation call has a header: "Authorization: Bearer ACCESS_TOKEN"'),
      },
    });
  });

  it('answers the same fault as JSON with a numeric code when Accept names application/json', async () => {
    const res = await call(agent, 'get', url('/menu')).set('accept', 'text/html;q=0.5, application/json');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      fault: { code: 900902, message: 'Missing Credentials', description: expect.stringContaining('(900902) - Missing Credentials') },
    });
  });

  it('keeps XML for an Accept that names only other types', async () => {
    const res = await call(agent, 'get', url('/menu')).set('accept', 'application/xml, */*').buffer(true).parse(asText);
    expect(res.body).toMatch(/^<ams:fault /);
  });

  it('answers an unknown token with 401/900901 and a description naming context and version', async () => {
    const res = await call(agent, 'get', url('/menu')).set('authorization', 'Bearer 4a1f0c1e-0000-4000-8000-00000000dead').set('accept', 'application/json');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('OAuth2 realm="WSO2 API Manager"');
    expect(res.body).toEqual({
      fault: { code: 900901, message: 'Invalid Credentials', description: describeFailure(900901, 'Invalid Credentials. Make sure you have given the correct access token') },
    });
  });

  it('treats a revoked token as invalid (900901)', async () => {
    const revoked = await accessToken(sandbox, agent, 'legacy');
    await call(agent, 'post', sandbox.env.LEGACY_REVOKE_URL!)
      .set('authorization', basic(sandbox.credentials.legacy.clientId, sandbox.credentials.legacy.clientSecret))
      .type('form')
      .send({ token: revoked });
    const res = await call(agent, 'get', url('/menu')).set('authorization', `Bearer ${revoked}`).set('accept', 'application/json');
    expect(res.status).toBe(401);
    expect(res.body.fault.code).toBe(900901);
  });

  describe('with a zero token lifetime', () => {
    const expiring = useSandbox({ legacy: { tokenLifetimeSec: 0 } });

    it('treats an expired token as invalid (900901)', async () => {
      const expired = await accessToken(expiring(), agent, 'legacy');
      const res = await call(agent, 'get', apiUrl(expiring(), 'legacy', '/menu')).set('authorization', `Bearer ${expired}`).set('accept', 'application/json');
      expect(res.status).toBe(401);
      expect(res.body.fault.code).toBe(900901);
    });
  });

  it('answers a write without the order_pizza scope with 403/900910', async () => {
    const noScope = await accessToken(sandbox, agent, 'legacy', '');
    const menu = await call(agent, 'get', url('/menu')).set('authorization', `Bearer ${noScope}`);
    expect(menu.status).toBe(200);
    const res = await call(agent, 'post', url('/order')).set('authorization', `Bearer ${noScope}`).set('accept', 'application/json').send(sampleOrder);
    expect(res.status).toBe(403);
    expect(res.headers['www-authenticate']).toBeUndefined();
    expect(res.body).toEqual({
      fault: {
        code: 900910,
        message: 'The access token does not allow you to access the requested resource',
        description: describeFailure(900910, 'The access token does not allow you to access the requested resource'),
      },
    });
  });

  it.each([
    ['an undefined path', 'get', '/coupons'],
    ['an undefined method on a defined path', 'patch', '/menu'],
    ['the bare API base', 'get', ''],
  ] as const)('answers %s under the API with 403/900906, before checking credentials', async (_, method, resource) => {
    const res = await call(agent, method, url(resource)).buffer(true).parse(asText);
    expect(res.status).toBe(403);
    expect(xml.parse(res.body as string)['ams:fault']).toEqual({
      'ams:code': '900906',
      'ams:message': 'No matching resource found in the API for the given request',
      'ams:description': describeFailure(900906, 'No matching resource found in the API for the given request'),
    });
  });

  it('answers an unknown API context with a 404 am:fault Status report', async () => {
    const res = await call(agent, 'get', `${sandbox.urls.legacyGateway}/t/acme/coupons/1.0.0/list`).buffer(true).parse(asText);
    expect(res.status).toBe(404);
    expect(res.headers['www-authenticate']).toBeUndefined();
    expect(res.body).toContain('<am:fault xmlns:am="http://wso2.org/apimanager">');
    expect(xml.parse(res.body as string)).toEqual({
      'am:fault': { 'am:code': '404', 'am:type': 'Status report', 'am:message': 'Not Found', 'am:description': 'The requested resource is not available.' },
    });
  });

  it('answers an unknown API context as JSON when asked', async () => {
    const res = await call(agent, 'get', `${sandbox.urls.legacyGateway}/pizzashack/1.0.0/menu`).set('accept', 'application/json');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ fault: { code: 404, type: 'Status report', message: 'Not Found', description: 'The requested resource is not available.' } });
  });
});
