import type http from 'node:http';
import { decodeJwt } from 'jose';
import { startSandbox } from '../../src/sandbox/startSandbox';
import type { Sandbox } from '../../src/sandbox/types';
import { basic, call, keepAliveAgent, tokenResponse, type Side } from './helpers';

let sandbox: Sandbox;
let agent: http.Agent;

beforeAll(async () => {
  sandbox = await startSandbox();
  agent = keepAliveAgent();
});
afterAll(async () => {
  agent.destroy();
  await sandbox.close();
});

const scopesOf = (side: Side, body: { access_token: string; scope: string }) =>
  side === 'candidate' ? String(decodeJwt(body.access_token).scope) : body.scope;

describe.each<Side>(['legacy', 'candidate'])('%s token endpoint', (side) => {
  const creds = () => sandbox.credentials[side];
  const password = () => ({ grant_type: 'password', username: creds().username, password: creds().password });

  it('issues a Bearer token with every grantable scope to client_credentials without a scope parameter', async () => {
    const res = await tokenResponse(sandbox, agent, side, { grant_type: 'client_credentials' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', scope: 'order_pizza', access_token: expect.any(String) });
    expect(res.body.refresh_token).toBeUndefined();
    expect(scopesOf(side, res.body)).toBe('order_pizza');
  });

  it('grants only the requested scopes that the application may have', async () => {
    const res = await tokenResponse(sandbox, agent, side, { grant_type: 'client_credentials', scope: 'order_pizza admin_everything' });
    expect(res.body.scope).toBe('order_pizza');
  });

  it('grants only the default scope to an explicitly empty scope parameter', async () => {
    const res = await tokenResponse(sandbox, agent, side, { grant_type: 'client_credentials', scope: '' });
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('default');
    expect(scopesOf(side, res.body)).toBe('default');
  });

  it('also accepts client credentials in the form body', async () => {
    const url = side === 'legacy' ? sandbox.env.LEGACY_TOKEN_URL! : sandbox.env.CANDIDATE_TOKEN_URL!;
    const res = await call(agent, 'post', url).type('form').send({ grant_type: 'client_credentials', client_id: creds().clientId, client_secret: creds().clientSecret });
    expect(res.status).toBe(200);
  });

  it('returns a refresh token to the password grant, and the refresh grant rotates it', async () => {
    const first = await tokenResponse(sandbox, agent, side, password());
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).toEqual(expect.any(String));

    const refreshed = await tokenResponse(sandbox, agent, side, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.scope).toBe('order_pizza');
    expect(refreshed.body.access_token).not.toBe(first.body.access_token);
    expect(refreshed.body.refresh_token).not.toBe(first.body.refresh_token);

    const reused = await tokenResponse(sandbox, agent, side, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');
  });

  it('narrows, but never widens, scopes on refresh', async () => {
    const first = await tokenResponse(sandbox, agent, side, { ...password(), scope: '' });
    const refreshed = await tokenResponse(sandbox, agent, side, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token, scope: 'order_pizza' });
    expect(refreshed.body.scope).toBe('default');
  });

  it('answers 401 invalid_client with WSO2 wording to a wrong client secret', async () => {
    const res = await tokenResponse(sandbox, agent, side, { grant_type: 'client_credentials' }, basic(creds().clientId, 'wrong'));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'invalid_client', error_description: 'Client Authentication failed.' });
  });

  it('answers 401 invalid_client when no client authentication is sent at all', async () => {
    const url = side === 'legacy' ? sandbox.env.LEGACY_TOKEN_URL! : sandbox.env.CANDIDATE_TOKEN_URL!;
    const res = await call(agent, 'post', url).type('form').send({ grant_type: 'client_credentials' });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_client');
  });

  it("rejects the other platform's client", async () => {
    const other = sandbox.credentials[side === 'legacy' ? 'candidate' : 'legacy'];
    const res = await tokenResponse(sandbox, agent, side, { grant_type: 'client_credentials' }, basic(other.clientId, other.clientSecret));
    expect(res.status).toBe(401);
  });

  it('answers 400 invalid_grant to a wrong password', async () => {
    const res = await tokenResponse(sandbox, agent, side, { ...password(), password: 'nope' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('answers 400 unsupported_grant_type to a grant it does not know', async () => {
    const res = await tokenResponse(sandbox, agent, side, { grant_type: 'urn:ietf:params:oauth:grant-type:device_code' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'unsupported_grant_type', error_description: 'Unsupported grant_type value' });
  });

  it('answers 400 invalid_request when grant_type is missing', async () => {
    const res = await tokenResponse(sandbox, agent, side, {});
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
  });

  it('answers 400 invalid_request to a JSON token request', async () => {
    const url = side === 'legacy' ? sandbox.env.LEGACY_TOKEN_URL! : sandbox.env.CANDIDATE_TOKEN_URL!;
    const res = await call(agent, 'post', url).set('authorization', basic(creds().clientId, creds().clientSecret)).send({ grant_type: 'client_credentials' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
  });
});

describe('legacy (API Cloud) tokens', () => {
  it('are opaque UUIDs that live 3600 s', async () => {
    const res = await tokenResponse(sandbox, agent, 'legacy', { grant_type: 'client_credentials' });
    expect(res.body.access_token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(res.body.expires_in).toBe(3600);
  });

  it('need the organization key in the password-grant user name', async () => {
    const res = await tokenResponse(sandbox, agent, 'legacy', { grant_type: 'password', username: 'qa@pizzashack.example', password: sandbox.credentials.legacy.password });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('revoke answers 200 with an empty body, and refuses an unknown client', async () => {
    const ok = await call(agent, 'post', sandbox.env.LEGACY_REVOKE_URL!)
      .set('authorization', basic(sandbox.credentials.legacy.clientId, sandbox.credentials.legacy.clientSecret))
      .type('form')
      .send({ token: 'not-a-token' });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    const bad = await call(agent, 'post', sandbox.env.LEGACY_REVOKE_URL!).set('authorization', basic('x', 'y')).type('form').send({ token: 'x' });
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe('invalid_client');
  });
});

describe('candidate (Choreo) tokens', () => {
  it('are RS256 JWTs that live 900 s', async () => {
    const res = await tokenResponse(sandbox, agent, 'candidate', { grant_type: 'client_credentials' });
    expect(res.body.expires_in).toBe(900);
    const claims = decodeJwt(res.body.access_token);
    expect(claims.exp! - claims.iat!).toBe(900);
  });

  it('answer the token endpoint with gateway headers', async () => {
    const res = await tokenResponse(sandbox, agent, 'candidate', { grant_type: 'client_credentials' });
    expect(res.headers.server).toBe('envoy');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
