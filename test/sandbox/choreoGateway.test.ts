import type http from 'node:http';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { startSandbox } from '../../src/sandbox/startSandbox';
import type { Sandbox } from '../../src/sandbox/types';
import { accessToken, apiUrl, call, keepAliveAgent, sampleOrder, tokenResponse, useSandbox, uuidPattern } from './helpers';

let sandbox: Sandbox;
let agent: http.Agent;
let token: string;
const url = (resource: string) => apiUrl(sandbox, 'candidate', resource);
const invalidChallenge = 'Bearer realm="Choreo Connect", error="invalid_token", error_description="The provided token is invalid"';
const invalidCredentials = {
  code: '900901',
  error_message: 'Invalid Credentials',
  error_description: 'Make sure you have provided the correct security credentials',
};

beforeAll(async () => {
  sandbox = await startSandbox();
  agent = keepAliveAgent();
  token = await accessToken(sandbox, agent, 'candidate');
});
afterAll(async () => {
  agent.destroy();
  await sandbox.close();
});

async function jwks(of: Sandbox): Promise<JSONWebKeySet> {
  return (await call(agent, 'get', of.env.CANDIDATE_JWKS_URL!)).body as JSONWebKeySet;
}

describe('Choreo STS tokens', () => {
  it('verify against the published JWKS with the issuer the sandbox announces, and carry the Choreo claims', async () => {
    const password = await tokenResponse(sandbox, agent, 'candidate', {
      grant_type: 'password',
      username: sandbox.credentials.candidate.username,
      password: sandbox.credentials.candidate.password,
    });
    const jwt = password.body.access_token as string;
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(await jwks(sandbox)), { issuer: sandbox.env.CANDIDATE_ISSUER! });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    expect(payload).toMatchObject({
      iss: `${sandbox.urls.candidateGateway}/oauth2/token`,
      client_id: 'sandbox-choreo-client',
      azp: 'sandbox-choreo-client',
      org_id: expect.stringMatching(uuidPattern),
      org_name: 'acme',
      scope: 'order_pizza',
      email: 'qa@pizzashack.example',
      sub: 'qa@pizzashack.example',
      aud: 'sandbox-choreo-client',
      keytype: 'PRODUCTION',
      jti: expect.stringMatching(uuidPattern),
    });
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.exp! - payload.iat!).toBe(900);
  });

  it('verify through a remote JWKS fetched from CANDIDATE_JWKS_URL', async () => {
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(sandbox.env.CANDIDATE_JWKS_URL!)), { issuer: sandbox.env.CANDIDATE_ISSUER! });
    expect(payload.client_id).toBe('sandbox-choreo-client');
  });

  it('publish one RS256 signing key whose kid the tokens name', async () => {
    const set = await jwks(sandbox);
    expect(set.keys).toHaveLength(1);
    expect(set.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: decodeProtectedHeader(token).kid });
    expect(set.keys[0]).not.toHaveProperty('d');
  });

  describe('under signWithUnknownKey', () => {
    const rogue = useSandbox({ candidate: { signWithUnknownKey: true } });

    it('fail JWKS verification, yet the gateway still accepts them', async () => {
      const jwt = await accessToken(rogue(), agent, 'candidate');
      await expect(jwtVerify(jwt, createLocalJWKSet(await jwks(rogue())))).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
      const res = await call(agent, 'get', apiUrl(rogue(), 'candidate', '/menu')).set('authorization', `Bearer ${jwt}`);
      expect(res.status).toBe(200);
    });
  });
});

describe('Choreo gateway: proxying', () => {
  it('proxies GET /menu with a backend JWT carrying Choreo Connect claims', async () => {
    const res = await call(agent, 'get', url('/menu')).set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(5);
    expect(res.headers['x-menu-version']).toBe('1.0');
    const claims = sandbox.lastBackendClaims('candidate');
    expect(claims).toMatchObject({
      iss: 'wso2.org/products/am',
      'http://wso2.org/claims/apicontext': '/acme-project/pizzashack/pizzashack-api/1.0.0',
      'http://wso2.org/claims/version': '1.0.0',
      'http://wso2.org/claims/applicationUUId': expect.stringMatching(uuidPattern),
      'http://wso2.org/claims/keytype': 'PRODUCTION',
      'http://wso2.org/claims/usertype': expect.any(String),
      'http://wso2.org/claims/subscriber': expect.any(String),
      'http://wso2.org/claims/enduser': expect.any(String),
      client_id: 'sandbox-choreo-client',
      azp: 'sandbox-choreo-client',
      org_name: 'acme',
      scope: 'order_pizza',
      email: 'qa@pizzashack.example',
    });
    expect(sandbox.lastBackendClaims('legacy')).toBeUndefined();
  });

  it("rewrites the backend's Location to the gateway's API base", async () => {
    const res = await call(agent, 'post', url('/order')).set('authorization', `Bearer ${token}`).send(sampleOrder);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`${sandbox.env.CANDIDATE_API_PIZZASHACK_URL}/order/${res.body.orderId as string}`);
    const read = await call(agent, 'get', res.headers.location as string).set('authorization', `Bearer ${token}`);
    expect(read.body).toEqual(res.body);
  });

  it('adds x-request-id and server: envoy, and no CORS headers to a request without Origin (Envoy CORS filter)', async () => {
    const res = await call(agent, 'get', url('/menu')).set('authorization', `Bearer ${token}`);
    expect(res.headers['x-request-id']).toMatch(uuidPattern);
    expect(res.headers.server).toBe('envoy');
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('x-envoy-'))).toEqual([]);
    expect(res.headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('adds CORS headers with the three extra allowed headers to a request with Origin, its faults included', async () => {
    const res = await call(agent, 'get', url('/menu')).set('authorization', `Bearer ${token}`).set('origin', 'https://shop.example.com');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-headers']).toBe('authorization,Access-Control-Allow-Origin,Content-Type,SOAPAction,apikey,testKey,Internal-Key');
    const refused = await call(agent, 'get', url('/menu')).set('origin', 'https://shop.example.com');
    expect(refused.status).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers a legal preflight itself, without a token, and routes an OPTIONS that is no preflight like any other method', async () => {
    const preflight = await call(agent, 'options', url('/menu')).set('origin', 'https://shop.example.com').set('access-control-request-method', 'GET');
    expect(preflight.status).toBe(200);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET,PUT,POST,DELETE,PATCH,OPTIONS');
    const plain = await call(agent, 'options', url('/menu'));
    expect(plain.status).toBe(404);
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('Choreo gateway: faults', () => {
  it('answers a call without a token with 401 and string code 900901, not 900902', async () => {
    const res = await call(agent, 'get', url('/menu')).set('accept', 'application/xml');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['www-authenticate']).toBe(invalidChallenge);
    expect(res.body).toEqual(invalidCredentials);
  });

  it('answers an invalid token with 401/900901 and the invalid_token challenge', async () => {
    const res = await call(agent, 'get', url('/menu')).set('authorization', 'Bearer 4a1f0c1e-0000-4000-8000-00000000dead');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(invalidChallenge);
    expect(res.body).toEqual(invalidCredentials);
  });

  describe('with tokens from elsewhere', () => {
    const other = useSandbox();
    const expiring = useSandbox({ candidate: { tokenLifetimeSec: 0 } });

    it('answers a token from another sandbox (bad signature) with 401/900901', async () => {
      const foreign = await accessToken(other(), agent, 'candidate');
      const res = await call(agent, 'get', url('/menu')).set('authorization', `Bearer ${foreign}`);
      expect(res.status).toBe(401);
      expect(res.body).toEqual(invalidCredentials);
    });

    it('answers an expired token with 401/900901', async () => {
      const expired = await tokenResponse(expiring(), agent, 'candidate', { grant_type: 'client_credentials' });
      expect(expired.body.expires_in).toBe(0);
      const res = await call(agent, 'get', apiUrl(expiring(), 'candidate', '/menu')).set('authorization', `Bearer ${expired.body.access_token as string}`);
      expect(res.status).toBe(401);
      expect(res.body).toEqual(invalidCredentials);
    });
  });

  it('answers a write without the order_pizza scope with 403/900910 naming the resource template', async () => {
    const noScope = await accessToken(sandbox, agent, 'candidate', '');
    const res = await call(agent, 'put', url('/order/123')).set('authorization', `Bearer ${noScope}`).send(sampleOrder);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      code: '900910',
      error_message: 'The access token does not allow you to access the requested resource',
      error_description: 'User is NOT authorized to access the Resource: /order/{orderId}. Scope validation failed.',
    });
  });

  it.each<[string, () => string, 'get' | 'patch']>([
    ['an undefined path under the API', () => url('/coupons'), 'get'],
    ['an undefined method on a defined path', () => url('/menu'), 'patch'],
    ['a path outside any API', () => `${sandbox.urls.candidateGateway}/t/acme/pizzashack/1.0.0/menu`, 'get'],
  ])('answers %s with the router 404 (no 900906), without asking for a token', async (_, target, method) => {
    const res = await call(agent, method, target());
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: '404', message: 'Not Found', description: 'The requested resource is not available.' });
    expect(res.headers['www-authenticate']).toBeUndefined();
  });
});
