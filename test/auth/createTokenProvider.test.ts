import type { AuthConfig, Secret, TargetConfig } from '../../src/config/types';
import { createTokenProvider } from '../../src/auth/createTokenProvider';
import { AuthError } from '../../src/errors';
import { findSecrets } from '../../src/execute/findSecrets';
import { closeHttpAgents } from '../../src/execute/httpAgents';
import { Redactor } from '../../src/execute/redactor';
import type { TargetName } from '../../src/model/result';
import { closedPort, delay, startLoopback, type Loopback } from '../execute/loopback';

const clientId = 'Cq3oEXAMPLEconsumerKey';
const clientSecret = 'zT9-EXAMPLE-consumer-secret_value';
const password = 'Pizza!Lover#2023';

function secret(value: string, source: string): Secret {
  return { source, reveal: () => value, toString: () => '«secret»', toJSON: () => '«secret»' };
}

function target(name: TargetName, auth: AuthConfig, profile: TargetConfig['profile'] = name === 'legacy' ? 'apicloud' : 'choreo'): TargetConfig {
  return {
    name,
    profile,
    apis: {},
    auth,
    tlsVerify: true,
    network: {},
    rateLimit: { perMinute: null, concurrency: 4 },
    retry: { throttled: 0, transient: 0, backoffMs: 10 },
  };
}

function clientCredentials(tokenUrl: string, scope?: string): AuthConfig {
  return { kind: 'client_credentials', tokenUrl, clientId, clientSecret: secret(clientSecret, 'CANDIDATE_CLIENT_SECRET'), ...(scope ? { scope } : {}) };
}

interface TokenServer extends Loopback {
  forms: URLSearchParams[];
}

let issued = 0;
/** A token endpoint: `reply` decides each answer; by default it issues a fresh token. */
async function tokenServer(reply?: (form: URLSearchParams, index: number) => { status: number; body: unknown; contentType?: string; delayMs?: number }): Promise<TokenServer> {
  const forms: URLSearchParams[] = [];
  const server = await startLoopback(async (_req, res, body, index) => {
    const form = new URLSearchParams(body);
    forms.push(form);
    const answer = reply?.(form, index) ?? { status: 200, body: { access_token: `token-${(issued += 1)}-${'a'.repeat(12)}`, token_type: 'Bearer', expires_in: 3600 } };
    if (answer.delayMs) await delay(answer.delayMs);
    res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' });
    res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  });
  return Object.assign(server, { forms });
}

describe('createTokenProvider (client_credentials and password grants)', () => {
  let server: TokenServer;
  afterEach(() => server.close());
  afterAll(() => closeHttpAgents());

  it('posts a form with Basic client authentication and registers the issued token with the redactor', async () => {
    server = await tokenServer();
    const redactor = new Redactor();
    const provider = createTokenProvider(target('candidate', clientCredentials(`${server.url}/oauth2/token`, 'order_pizza read')), { redactor, timeoutMs: 2000, tlsVerify: true });
    const token = await provider.getToken();
    const hit = server.hits[0];
    expect(hit?.headers['authorization']).toBe(`Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`);
    expect(hit?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(server.forms[0] ?? [])).toEqual({ grant_type: 'client_credentials', scope: 'order_pizza read' });
    expect(token).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600, scopes: ['order_pizza', 'read'] });
    expect(redactor.redactText(`x ${token.value} y ${clientSecret}`)).toBe('x «redacted:candidate.access_token» y «redacted:candidate.client_secret»');
  });

  it('sends an empty scope= parameter for an empty scope list, and none when no scope is configured', async () => {
    server = await tokenServer();
    const provider = createTokenProvider(target('candidate', clientCredentials(`${server.url}/token`)), { redactor: new Redactor(), timeoutMs: 2000, tlsVerify: true });
    await provider.getToken();
    await provider.getToken([]);
    expect(server.forms[0]?.has('scope')).toBe(false);
    expect(server.forms[1]?.get('scope')).toBe('');
  });

  it('caches a token per scope set until shortly before it expires', async () => {
    server = await tokenServer();
    let now = 1_000_000;
    const provider = createTokenProvider(target('candidate', clientCredentials(`${server.url}/token`)), { redactor: new Redactor(), timeoutMs: 2000, tlsVerify: true, now: () => now });
    const first = await provider.getToken(['a', 'b']);
    expect(await provider.getToken(['b', 'a'])).toBe(first);
    const other = await provider.getToken(['c']);
    expect(other.value).not.toBe(first.value);
    expect(server.hits).toHaveLength(2);
    now += (3600 - 61) * 1000; // 61 s before expiry: still good
    expect(await provider.getToken(['a', 'b'])).toBe(first);
    now += 2000; // inside the 60 s margin
    expect((await provider.getToken(['a', 'b'])).value).not.toBe(first.value);
    expect(server.hits).toHaveLength(3);
  });

  it('renews a short-lived token 10% of its lifetime before expiry', async () => {
    server = await tokenServer(() => ({ status: 200, body: { access_token: `short-${(issued += 1)}-lived-token`, expires_in: 100 } }));
    let now = 0;
    const provider = createTokenProvider(target('candidate', clientCredentials(`${server.url}/token`)), { redactor: new Redactor(), timeoutMs: 2000, tlsVerify: true, now: () => now });
    const first = await provider.getToken();
    now = 89_000;
    expect(await provider.getToken()).toBe(first);
    now = 91_000;
    expect(await provider.getToken()).not.toBe(first);
  });

  it('shares one in-flight request among concurrent callers', async () => {
    server = await tokenServer(() => ({ status: 200, body: { access_token: 'shared-token-value-1', expires_in: 3600 }, delayMs: 50 }));
    const provider = createTokenProvider(target('candidate', clientCredentials(`${server.url}/token`)), { redactor: new Redactor(), timeoutMs: 2000, tlsVerify: true });
    const tokens = await Promise.all(Array.from({ length: 5 }, () => provider.getToken()));
    expect(server.hits).toHaveLength(1);
    expect(new Set(tokens.map((t) => t.value))).toEqual(new Set(['shared-token-value-1']));
  });

  it('treats a negative expires_in as a token that never expires', async () => {
    server = await tokenServer(() => ({ status: 200, body: { access_token: 'forever-token-value', expires_in: -1 } }));
    let now = 0;
    const provider = createTokenProvider(target('legacy', clientCredentials(`${server.url}/token`)), { redactor: new Redactor(), timeoutMs: 2000, tlsVerify: true, now: () => now });
    const token = await provider.getToken();
    expect(token.expiresAt).toBeNull();
    now = 365 * 24 * 3600 * 1000;
    await provider.getToken();
    expect(server.hits).toHaveLength(1);
  });

  it('uses the password grant, then the refresh token once the access token expired', async () => {
    server = await tokenServer((form) =>
      form.get('grant_type') === 'password'
        ? { status: 200, body: { access_token: 'pw-access-token-1', refresh_token: 'refresh-token-1', expires_in: 3600, scope: 'order_pizza' } }
        : { status: 200, body: { access_token: 'refreshed-access-token-2', expires_in: 3600 } },
    );
    let now = 0;
    const redactor = new Redactor();
    const auth: AuthConfig = {
      kind: 'password',
      tokenUrl: `${server.url}/token`,
      clientId,
      clientSecret: secret(clientSecret, 'LEGACY_CLIENT_SECRET'),
      username: 'ann@example.com@companyn3',
      password: secret(password, 'LEGACY_PASSWORD'),
    };
    const provider = createTokenProvider(target('legacy', auth), { redactor, timeoutMs: 2000, tlsVerify: true, now: () => now });
    const first = await provider.getToken();
    expect(Object.fromEntries(server.forms[0] ?? [])).toEqual({ grant_type: 'password', username: 'ann@example.com@companyn3', password });
    now = 3600 * 1000;
    const second = await provider.getToken();
    expect(Object.fromEntries(server.forms[1] ?? [])).toEqual({ grant_type: 'refresh_token', refresh_token: 'refresh-token-1' });
    expect(second.value).toBe('refreshed-access-token-2');
    expect(second.refreshToken).toBe('refresh-token-1');
    expect(first.scopes).toEqual(['order_pizza']);
    expect(redactor.redactText(`${password} refresh-token-1 ${first.value}`)).toBe('«redacted:legacy.password» «redacted:legacy.refresh_token» «redacted:legacy.access_token»');
  });

  it('falls back to the configured grant when the refresh is refused', async () => {
    let n = 0;
    server = await tokenServer((form) => {
      if (form.get('grant_type') === 'refresh_token') return { status: 400, body: { error: 'invalid_grant', error_description: 'refresh token expired' } };
      n += 1;
      return { status: 200, body: { access_token: `pw-token-${n}-abcdef`, refresh_token: `rt-${n}-abcdef`, expires_in: 60 } };
    });
    let now = 0;
    const auth: AuthConfig = { kind: 'password', tokenUrl: `${server.url}/token`, clientId, clientSecret: secret(clientSecret, 'LEGACY_CLIENT_SECRET'), username: 'u', password: secret(password, 'LEGACY_PASSWORD') };
    const provider = createTokenProvider(target('legacy', auth), { redactor: new Redactor(), timeoutMs: 2000, tlsVerify: true, now: () => now });
    await provider.getToken();
    now = 60_000;
    const token = await provider.getToken();
    expect(server.forms.map((f) => f.get('grant_type'))).toEqual(['password', 'refresh_token', 'password']);
    expect(token.value).toBe('pw-token-2-abcdef');
  });

  it('asks again after invalidate(), using the refresh token when it has one', async () => {
    server = await tokenServer((form, index) => ({ status: 200, body: { access_token: `inv-token-${index}-abcdef`, refresh_token: 'rt-abcdef-1', expires_in: 3600, grant: form.get('grant_type') } }));
    const provider = createTokenProvider(target('candidate', clientCredentials(`${server.url}/token`)), { redactor: new Redactor(), timeoutMs: 2000, tlsVerify: true });
    const first = await provider.getToken();
    provider.invalidate();
    const second = await provider.getToken();
    expect(second.value).not.toBe(first.value);
    expect(server.forms[1]?.get('grant_type')).toBe('refresh_token');
  });
});

describe('createTokenProvider errors', () => {
  let server: TokenServer;
  afterEach(() => server?.close());
  afterAll(() => closeHttpAgents());

  it('explains invalid_client with the target, the endpoint and the variables to check, without the secret', async () => {
    // A careless endpoint that echoes the credentials it was given.
    server = await tokenServer((form) => ({ status: 401, body: { error: 'invalid_client', error_description: `Client Authentication failed for ${clientId}:${clientSecret} ${form.toString()}` } }));
    const provider = createTokenProvider(target('candidate', clientCredentials(`${server.url}/oauth2/token?tenant=x`)), { redactor: new Redactor(), timeoutMs: 2000, tlsVerify: true });
    const error = await provider.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    const authError = error as AuthError;
    expect(authError.target).toBe('candidate');
    expect(authError.message).toContain('candidate');
    expect(authError.message).toContain(`127.0.0.1:${server.port}/oauth2/token`);
    expect(authError.message).toContain('invalid_client');
    expect(authError.message).toContain('Client Authentication failed');
    expect(authError.hint).toBe('check CANDIDATE_CLIENT_ID / CANDIDATE_CLIENT_SECRET (consumer key/secret re-created in Choreo)');
    const everything = `${authError.message}\n${authError.hint}\n${JSON.stringify(authError.toInfo())}`;
    expect(findSecrets(everything, [clientSecret])).toEqual([]);
  });

  it('says how API Cloud user names look when the password grant is refused', async () => {
    server = await tokenServer(() => ({ status: 400, body: { error: 'invalid_grant', error_description: 'Authentication failed for ann' } }));
    const auth: AuthConfig = { kind: 'password', tokenUrl: `${server.url}/token`, clientId, clientSecret: secret(clientSecret, 'LEGACY_CLIENT_SECRET'), username: 'ann', password: secret(password, 'LEGACY_PASSWORD') };
    const error = (await createTokenProvider(target('legacy', auth), { redactor: new Redactor(), timeoutMs: 2000, tlsVerify: true })
      .getToken()
      .catch((e: unknown) => e)) as AuthError;
    expect(error.name).toBe('AuthError');
    expect(error.hint).toContain('LEGACY_USERNAME / LEGACY_PASSWORD');
    expect(error.hint).toContain('<email>@<orgKey>');
    expect(`${error.message}${error.hint}`).not.toContain(password);
  });

  it('says so when the endpoint answers 200 with a body that is not JSON', async () => {
    server = await tokenServer(() => ({ status: 200, body: '<html>Login</html>', contentType: 'text/html' }));
    const provider = createTokenProvider(target('legacy', clientCredentials(`${server.url}/token`)), { redactor: new Redactor(), timeoutMs: 2000, tlsVerify: true });
    await expect(provider.getToken()).rejects.toThrow(/legacy: the token endpoint 127\.0\.0\.1:\d+\/token answered HTTP 200 with a body that is not JSON \(content-type text\/html\)/);
  });

  it('says so when the JSON has no access_token', async () => {
    server = await tokenServer(() => ({ status: 200, body: { token_type: 'Bearer', expires_in: 3600 } }));
    const provider = createTokenProvider(target('legacy', clientCredentials(`${server.url}/token`)), { redactor: new Redactor(), timeoutMs: 2000, tlsVerify: true });
    const error = (await provider.getToken().catch((e: unknown) => e)) as AuthError;
    expect(error.name).toBe('AuthError');
    expect(error.message).toContain('no access_token (keys: token_type, expires_in)');
  });

  it('raises TargetUnreachableError naming the target and token URL when nothing listens', async () => {
    const port = await closedPort();
    server = await tokenServer();
    const provider = createTokenProvider(target('candidate', clientCredentials(`http://127.0.0.1:${port}/oauth2/token`)), { redactor: new Redactor(), timeoutMs: 2000, tlsVerify: true });
    const error = (await provider.getToken().catch((e: unknown) => e)) as AuthError;
    expect(error.name).toBe('TargetUnreachableError');
    expect(error.message).toContain('candidate');
    expect(error.message).toContain(`127.0.0.1:${port}/oauth2/token`);
    expect(error.hint).toContain('CANDIDATE_TOKEN_URL');
  });

  it('raises TimeoutError when the token endpoint does not answer in time', async () => {
    server = await tokenServer(() => ({ status: 200, body: { access_token: 'late-token-value' }, delayMs: 1000 }));
    const provider = createTokenProvider(target('candidate', clientCredentials(`${server.url}/token`)), { redactor: new Redactor(), timeoutMs: 100, tlsVerify: true });
    const error = (await provider.getToken().catch((e: unknown) => e)) as AuthError;
    expect(error.name).toBe('TimeoutError');
    expect(error.message).toContain('100 ms');
  });

  it('lets the next caller try again after a failure', async () => {
    server = await tokenServer((_form, index) => (index === 0 ? { status: 503, body: 'down', contentType: 'text/plain' } : { status: 200, body: { access_token: 'second-try-token', expires_in: 60 } }));
    const provider = createTokenProvider(target('candidate', clientCredentials(`${server.url}/token`)), { redactor: new Redactor(), timeoutMs: 2000, tlsVerify: true });
    await expect(provider.getToken()).rejects.toThrow('answered HTTP 503');
    expect((await provider.getToken()).value).toBe('second-try-token');
  });
});

describe('createTokenProvider (static and none)', () => {
  it('returns the configured static token and registers it', async () => {
    const redactor = new Redactor();
    const provider = createTokenProvider(target('legacy', { kind: 'static', token: secret('1fa22cef-c791-3105-9ac4-58511c199aa0', 'LEGACY_TOKEN') }), { redactor, timeoutMs: 1000, tlsVerify: true });
    expect((await provider.getToken()).value).toBe('1fa22cef-c791-3105-9ac4-58511c199aa0');
    expect(redactor.redactText('1fa22cef-c791-3105-9ac4-58511c199aa0')).toBe('«redacted:legacy.access_token»');
  });

  it('returns an empty token of type none for auth none', async () => {
    const provider = createTokenProvider(target('candidate', { kind: 'none' }), { redactor: new Redactor(), timeoutMs: 1000, tlsVerify: true });
    expect(await provider.getToken()).toEqual({ value: '', tokenType: 'none', expiresAt: null, expiresIn: null, scopes: [] });
  });
});
