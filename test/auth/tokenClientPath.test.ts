import { createTokenProvider } from '../../src/auth/createTokenProvider';
import type { AuthConfig, Secret, TargetConfig } from '../../src/config/types';
import { closeHttpAgents } from '../../src/execute/httpAgents';
import { Redactor } from '../../src/execute/redactor';
import { recordingPacer, startLoopback, unlimitedPacer, type Loopback } from '../execute/loopback';

function secret(value: string, source: string): Secret {
  return { source, reveal: () => value, toString: () => '«secret»', toJSON: () => '«secret»' };
}

function target(auth: AuthConfig, retry = { throttled: 1, transient: 2, backoffMs: 5 }): TargetConfig {
  return { name: 'candidate', profile: 'choreo', apis: {}, auth, tlsVerify: true, network: {}, rateLimit: { perMinute: null, concurrency: 4 }, retry };
}

const grant = (tokenUrl: string): AuthConfig => ({ kind: 'client_credentials', tokenUrl, clientId: 'id-1', clientSecret: secret('path-secret-9931ab', 'CANDIDATE_CLIENT_SECRET') });

describe('token requests through the one HTTP client path', () => {
  let server: Loopback;
  afterEach(() => server.close());
  afterAll(() => closeHttpAgents());

  it('are paced by the run pacer and retry a 503 with the target retry settings, like API calls', async () => {
    server = await startLoopback((_req, res, _body, index) => {
      if (index === 0) return void res.writeHead(503, { 'content-type': 'text/plain' }).end('warming up');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'after-retry-token-77', expires_in: 60 }));
    });
    const inner = unlimitedPacer();
    let acquired = 0;
    const pacer = { ...recordingPacer(inner), acquire: (t: 'legacy' | 'candidate', s?: AbortSignal) => ((acquired += 1), inner.acquire(t, s)) };
    const token = await createTokenProvider(target(grant(`${server.url}/token`)), { redactor: new Redactor(), timeoutMs: 2000, tlsVerify: true, pacer }).getToken();
    expect(token.value).toBe('after-retry-token-77');
    expect(server.hits).toHaveLength(2);
    // Every attempt (the 503 and the retry) waited for the pacer, as every API call does.
    expect(acquired).toBe(2);
  });

  it('wait out a 429 from the token endpoint and tell the pacer', async () => {
    server = await startLoopback((_req, res, _body, index) => {
      if (index === 0) return void res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' }).end('{"error":"slow_down"}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'after-429-token-12', expires_in: 60 }));
    });
    const pacer = recordingPacer(unlimitedPacer());
    const token = await createTokenProvider(target(grant(`${server.url}/token`)), { redactor: new Redactor(), timeoutMs: 2000, tlsVerify: true, pacer }).getToken();
    expect(token.value).toBe('after-429-token-12');
    expect(pacer.pauses.map((p) => p.target)).toEqual(['candidate']);
  });

  it('api_key grant: the key is the credential, sent in its own header, and registered as a secret', async () => {
    server = await startLoopback((_req, res) => void res.end());
    const redactor = new Redactor();
    const provider = createTokenProvider(target({ kind: 'api_key', header: 'x-choreo-key', key: secret('ak_live_5f2c9e10b7', 'CANDIDATE_API_KEY') }), { redactor, timeoutMs: 2000, tlsVerify: true });
    const key = await provider.getToken();
    expect(key).toMatchObject({ value: 'ak_live_5f2c9e10b7', header: 'x-choreo-key', tokenType: 'api_key', expiresAt: null });
    expect(redactor.redactText('echo ak_live_5f2c9e10b7')).toBe('echo «redacted:candidate.api_key»');
    expect(server.hits).toEqual([]);
  });
});
