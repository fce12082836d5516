import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { createJwtVerifier, issuerVariants, verifyJwt } from '../../src/auth/verifyJwt';
import { closeHttpAgents } from '../../src/execute/httpAgents';
import { closedPort, startLoopback, type Loopback } from '../execute/loopback';

const issuer = 'https://sts.choreo.dev/oauth2/token';
type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

describe('verifyJwt', () => {
  let jwksServer: Loopback;
  let published: KeyPair;
  let unknown: KeyPair;
  let jwksUrl: string;

  beforeAll(async () => {
    published = await generateKeyPair('RS256');
    unknown = await generateKeyPair('RS256');
    const jwk: JWK = { ...(await exportJWK(published.publicKey)), kid: 'choreo-key-1', alg: 'RS256', use: 'sig' };
    jwksServer = await startLoopback((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    jwksUrl = `${jwksServer.url}/oauth2/jwks`;
  });
  afterAll(async () => {
    await jwksServer.close();
    await closeHttpAgents();
  });

  async function sign(claims: Record<string, unknown>, options: { key?: KeyPair; kid?: string; iss?: string; expSec?: number; iatSec?: number } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ client_id: 'app', scope: 'order_pizza', ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? 'choreo-key-1' })
      .setIssuer(options.iss ?? issuer)
      .setIssuedAt(options.iatSec ?? now)
      .setExpirationTime(options.expSec ?? now + 900)
      .sign((options.key ?? published).privateKey);
  }

  it('accepts a token signed by a key in the JWKS with the expected issuer', async () => {
    const result = await verifyJwt(await sign({}), { jwksUrl, issuer });
    expect(result).toMatchObject({ ok: true, claims: { iss: issuer, scope: 'order_pizza' } });
    expect(result.problem).toBeUndefined();
  });

  it('says clearly when the signature comes from a key that is not in the JWKS (same kid)', async () => {
    const result = await verifyJwt(await sign({}, { key: unknown }), { jwksUrl, issuer });
    expect(result.ok).toBe(false);
    expect(result.problem).toBe(`signature does not verify against any key in ${jwksUrl} (kid choreo-key-1, RS256)`);
    expect(result.claims).toMatchObject({ iss: issuer });
  });

  it('says clearly when the kid names no key in the JWKS', async () => {
    const result = await verifyJwt(await sign({}, { key: unknown, kid: 'rotated-away' }), { jwksUrl, issuer });
    expect(result.ok).toBe(false);
    expect(result.problem).toContain(`signature does not verify against any key in ${jwksUrl} (kid rotated-away`);
  });

  it('reports an issuer mismatch with both values', async () => {
    const result = await verifyJwt(await sign({}, { iss: 'https://evil.example/token' }), { jwksUrl, issuer });
    expect(result.ok).toBe(false);
    expect(result.problem).toContain('"https://evil.example/token"');
    expect(result.problem).toContain(`"${issuer}"`);
  });

  it('tolerates the :443 variant of the issuer either way round', async () => {
    const withPort = 'https://sts.choreo.dev:443/oauth2/token';
    expect((await verifyJwt(await sign({}, { iss: withPort }), { jwksUrl, issuer })).ok).toBe(true);
    expect((await verifyJwt(await sign({}), { jwksUrl, issuer: withPort })).ok).toBe(true);
    expect(issuerVariants(issuer)).toEqual([issuer, withPort]);
  });

  it('reports an expired token with its exp time', async () => {
    const exp = Math.floor(Date.now() / 1000) - 3600;
    const result = await verifyJwt(await sign({}, { expSec: exp, iatSec: exp - 900 }), { jwksUrl, issuer });
    expect(result.ok).toBe(false);
    expect(result.problem).toBe(`the token expired at ${new Date(exp * 1000).toISOString()} (exp)`);
  });

  it('reports an iat in the future', async () => {
    const future = Math.floor(Date.now() / 1000) + 3600;
    const result = await verifyJwt(await sign({}, { iatSec: future, expSec: future + 900 }), { jwksUrl, issuer });
    expect(result.ok).toBe(false);
    expect(result.problem).toContain('is in the future');
  });

  it('reports a JWKS that cannot be fetched', async () => {
    const port = await closedPort();
    const result = await verifyJwt(await sign({}), { jwksUrl: `http://127.0.0.1:${port}/jwks`, issuer });
    expect(result.ok).toBe(false);
    expect(result.problem).toContain(`could not fetch the JWKS from http://127.0.0.1:${port}/jwks`);
  });

  it('reports a JWKS URL that answers an error status', async () => {
    const broken = await startLoopback((_req, res) => res.writeHead(404).end('nope'));
    const result = await verifyJwt(await sign({}), { jwksUrl: `${broken.url}/jwks` });
    await broken.close();
    expect(result.problem).toBe(`could not fetch the JWKS from ${broken.url}/jwks: HTTP 404`);
  });

  it('refuses an opaque token as not a JWT', async () => {
    expect(await verifyJwt('1fa22cef-c791-3105-9ac4-58511c199aa0', { jwksUrl })).toEqual({ ok: false, problem: 'not a JWT (the token looks opaque-uuid)' });
  });

  it('fetches the JWKS once for many tokens with a reusable verifier', async () => {
    const before = jwksServer.hits.length;
    const verify = createJwtVerifier({ jwksUrl, issuer });
    for (let i = 0; i < 3; i += 1) expect((await verify(await sign({ n: i }))).ok).toBe(true);
    expect(jwksServer.hits.length - before).toBe(1);
  });
});
