import type http from 'node:http';
import { sandboxCredentials } from '../../src/sandbox/credentials';
import { accessToken, apiUrl, call, keepAliveAgent, useSandbox } from './helpers';

describe('startSandbox', () => {
  const sandbox = useSandbox();
  let agent: http.Agent;
  beforeAll(() => {
    agent = keepAliveAgent();
  });
  afterAll(() => agent.destroy());

  it('listens on three distinct loopback ports chosen by the OS', () => {
    const { backend, legacyGateway, candidateGateway } = sandbox().urls;
    for (const url of [backend, legacyGateway, candidateGateway]) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new Set([backend, legacyGateway, candidateGateway]).size).toBe(3);
  });

  it('offers exactly the env variables the harness overlays', () => {
    const legacy = sandbox().urls.legacyGateway;
    const candidate = sandbox().urls.candidateGateway;
    expect(sandbox().env).toEqual({
      LEGACY_TOKEN_URL: `${legacy}/token`,
      LEGACY_REVOKE_URL: `${legacy}/revoke`,
      LEGACY_API_PIZZASHACK_URL: `${legacy}/t/acme/pizzashack/1.0.0`,
      CANDIDATE_TOKEN_URL: `${candidate}/oauth2/token`,
      CANDIDATE_JWKS_URL: `${candidate}/oauth2/jwks`,
      CANDIDATE_ISSUER: `${candidate}/oauth2/token`,
      CANDIDATE_API_PIZZASHACK_URL: `${candidate}/acme-project/pizzashack/pizzashack-api/1.0.0`,
    });
  });

  it('hands out the fixed demo credentials, as a copy the caller cannot corrupt', () => {
    expect(sandbox().credentials).toEqual({
      legacy: {
        clientId: 'sandbox-apicloud-key',
        clientSecret: 'sandbox-apicloud-secret-7f3a9c',
        username: 'qa@pizzashack.example@acme',
        password: 'sandbox-apicloud-pass-55e1',
        orgKey: 'acme',
      },
      candidate: {
        clientId: 'sandbox-choreo-client',
        clientSecret: 'sandbox-choreo-secret-b81d2e',
        username: 'qa@pizzashack.example',
        password: 'sandbox-choreo-pass-0c4f',
      },
    });
    sandbox().credentials.legacy.clientSecret = 'changed';
    expect(sandboxCredentials.legacy.clientSecret).toBe('sandbox-apicloud-secret-7f3a9c');
    sandbox().credentials.legacy.clientSecret = 'sandbox-apicloud-secret-7f3a9c';
  });

  it('counts the requests each server received', async () => {
    const before = sandbox().stats();
    const token = await accessToken(sandbox(), agent, 'candidate');
    await call(agent, 'get', apiUrl(sandbox(), 'candidate', '/menu')).set('authorization', `Bearer ${token}`);
    await call(agent, 'get', apiUrl(sandbox(), 'candidate', '/menu'));
    await call(agent, 'get', apiUrl(sandbox(), 'legacy', '/menu'));
    expect(sandbox().stats()).toEqual({ legacy: before.legacy + 1, candidate: before.candidate + 3, backend: before.backend + 1 });
  });
});
