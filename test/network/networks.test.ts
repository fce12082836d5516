import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTokenProvider } from '../../src/auth/createTokenProvider';
import { verifyJwt } from '../../src/auth/verifyJwt';
import { loadEnvConfig } from '../../src/config/loadEnvConfig';
import type { EnvConfig, TargetConfig } from '../../src/config/types';
import { findSecrets } from '../../src/execute/findSecrets';
import { closeHttpAgents } from '../../src/execute/httpAgents';
import { Redactor } from '../../src/execute/redactor';
import { registerProxyCredentials } from '../../src/execute/registerProxyCredentials';
import { sendRequest } from '../../src/execute/sendRequest';
import type { Exchange } from '../../src/model/result';
import { sendSettings } from '../execute/loopback';
import { startForwardProxy, type ForwardProxy } from './forwardProxy';
import { startGateway, type Gateway } from './gatewayStub';
import { createTestPki, type TestPki } from './testPki';

const clientSecret = 'net-client-secret-4d1b9e27f0';
let root: string;
let pki: TestPki;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'parity-network-'));
  pki = await createTestPki();
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await closeHttpAgents();
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  pki.cleanup();
});

async function gateway(options: Parameters<typeof startGateway>[0] = {}): Promise<Gateway> {
  const started = await startGateway(options);
  closers.push(() => started.close());
  return started;
}

async function proxy(options: Parameters<typeof startForwardProxy>[0] = {}): Promise<ForwardProxy> {
  const started = await startForwardProxy(options);
  closers.push(() => started.close());
  return started;
}

/** The candidate uses client_credentials at `gw`; the legacy side calls `legacyUrl` without auth. */
function config(gw: string, extra: Record<string, string> = {}, legacyUrl = gw): EnvConfig {
  return loadEnvConfig({
    root,
    processEnv: {
      LEGACY_GRANT: 'none',
      LEGACY_API_PIZZASHACK_URL: legacyUrl,
      CANDIDATE_GRANT: 'client_credentials',
      CANDIDATE_TOKEN_URL: `${gw}/token`,
      CANDIDATE_CLIENT_ID: 'net-client',
      CANDIDATE_CLIENT_SECRET: clientSecret,
      CANDIDATE_JWKS_URL: `${gw}/jwks`,
      CANDIDATE_API_PIZZASHACK_URL: gw,
      ...extra,
    },
  });
}

/** Token request, API call and JWKS verification of one target, all with that target's settings. */
async function useTarget(target: TargetConfig, redactor = new Redactor()): Promise<{ exchange: Exchange; verified: boolean; error?: unknown }> {
  const settings = { ...sendSettings({ redactor, tlsVerify: target.tlsVerify }), network: target.network };
  let authorization: string | undefined;
  if (target.auth.kind !== 'none') {
    try {
      const token = await createTokenProvider(target, { redactor, timeoutMs: 5000, tlsVerify: target.tlsVerify }).getToken();
      authorization = `Bearer ${token.value}`;
    } catch (error) {
      const exchange = await sendRequest({ target: target.name, method: 'GET', url: `${target.apis.pizzashack!.baseUrl}/menu`, headers: {}, idempotent: true }, settings);
      return { exchange, verified: false, error };
    }
  }
  const exchange = await sendRequest(
    { target: target.name, method: 'GET', url: `${target.apis.pizzashack!.baseUrl}/menu`, headers: authorization ? { authorization } : {}, idempotent: true },
    settings,
  );
  const verified = authorization && target.jwksUrl ? (await verifyJwt(authorization.slice(7), { jwksUrl: target.jwksUrl, tlsVerify: target.tlsVerify, network: target.network })).ok : false;
  return { exchange, verified };
}

describe('a forward proxy from HTTP_PROXY / HTTPS_PROXY / NO_PROXY, per target override', () => {
  it('sends the token request, the API call and the JWKS fetch through HTTP_PROXY', async () => {
    const gw = await gateway();
    const corp = await proxy();
    const cfg = config(gw.url, { HTTP_PROXY: corp.url });
    const { exchange, verified } = await useTarget(cfg.targets.candidate);
    expect(exchange.response?.status).toBe(200);
    expect(verified).toBe(true);
    expect(corp.requests.map((r) => `${r.kind} ${r.method} ${r.target}`)).toEqual([`forward POST ${gw.url}/token`, `forward GET ${gw.url}/menu`, `forward GET ${gw.url}/jwks`]);
    // The gateway saw exactly what the proxy forwarded.
    expect(gw.hits.map((hit) => hit.path)).toEqual(['/token', '/menu', '/jwks']);
  });

  it('reaches a host on NO_PROXY directly, and a target with *_PROXY=direct never uses the proxy', async () => {
    const gw = await gateway();
    const corp = await proxy();
    const viaLocalhost = gw.url.replace('127.0.0.1', 'localhost');
    const cfg = config(viaLocalhost, { HTTP_PROXY: corp.url, NO_PROXY: 'example.invalid, localhost', LEGACY_PROXY: 'direct' }, gw.url);
    expect((await useTarget(cfg.targets.candidate)).exchange.response?.status).toBe(200);
    expect((await useTarget(cfg.targets.legacy)).exchange.response?.status).toBe(401);
    expect(corp.requests).toEqual([]);
    expect(gw.hits.map((hit) => hit.path)).toEqual(['/token', '/menu', '/jwks', '/menu']);
  });

  it('uses a per-target *_PROXY instead of HTTP_PROXY for that target only', async () => {
    const gw = await gateway();
    const corp = await proxy();
    const other = await proxy();
    const cfg = config(gw.url, { HTTP_PROXY: corp.url, CANDIDATE_PROXY: other.url });
    await useTarget(cfg.targets.candidate);
    await useTarget(cfg.targets.legacy);
    expect(other.requests.map((r) => r.target)).toEqual([`${gw.url}/token`, `${gw.url}/menu`, `${gw.url}/jwks`]);
    expect(corp.requests.map((r) => r.target)).toEqual([`${gw.url}/menu`]);
  });

  it('tunnels https with CONNECT through HTTPS_PROXY and verifies the gateway with the target CA file', async () => {
    const gw = await gateway({ tls: pki.server });
    const corp = await proxy();
    const cfg = config(gw.url, { HTTPS_PROXY: corp.url, CANDIDATE_CA_FILE: pki.caFile });
    const { exchange, verified } = await useTarget(cfg.targets.candidate);
    expect(exchange.response?.status).toBe(200);
    expect(verified).toBe(true);
    const hostPort = gw.url.replace('https://', '');
    expect(corp.requests.every((r) => r.kind === 'connect' && r.target === hostPort)).toBe(true);
    expect(corp.requests.length).toBeGreaterThanOrEqual(1);
  });

  it('logs in to a proxy with the user:password of its URL, and the password reaches no record', async () => {
    const gw = await gateway();
    const corp = await proxy({ requireAuth: { user: 'ci-bot', password: 'pr0xy-Passw0rd-7731' } });
    const cfg = config(gw.url, { HTTP_PROXY: `${corp.url.replace('http://', 'http://ci-bot:pr0xy-Passw0rd-7731@')}` });
    const redactor = new Redactor();
    registerProxyCredentials(cfg.targets.candidate.network, 'candidate', redactor);
    const { exchange } = await useTarget(cfg.targets.candidate, redactor);
    expect(exchange.response?.status).toBe(200);
    expect(corp.requests.every((r) => r.proxyAuthorization === `Basic ${Buffer.from('ci-bot:pr0xy-Passw0rd-7731').toString('base64')}`)).toBe(true);
    expect(findSecrets(JSON.stringify(exchange), ['pr0xy-Passw0rd-7731'])).toEqual([]);
  });

  it('rejects a proxy URL that is not http(s), naming the variable', () => {
    expect(() => config('http://127.0.0.1:9', { HTTPS_PROXY: 'socks4://proxy:1080' })).toThrow(/HTTPS_PROXY.*socks4:/);
  });
});

describe('a private CA per target (*_CA_FILE)', () => {
  it('reaches an HTTPS gateway signed by the private CA with the CA file, token endpoint and JWKS included', async () => {
    const gw = await gateway({ tls: pki.server });
    const { exchange, verified } = await useTarget(config(gw.url, { CANDIDATE_CA_FILE: pki.caFile }).targets.candidate);
    expect(exchange.response?.status).toBe(200);
    expect(verified).toBe(true);
    expect(gw.hits.map((hit) => hit.path)).toEqual(['/token', '/menu', '/jwks']);
  });

  it('refuses the same gateway without the CA file: the token request fails on the certificate', async () => {
    const gw = await gateway({ tls: pki.server });
    const { exchange, error } = await useTarget(config(gw.url).targets.candidate);
    expect((error as Error).name).toBe('TargetUnreachableError');
    expect((error as Error).message).toMatch(/certificate/i);
    expect(exchange.error?.message).toMatch(/certificate/i);
    expect(gw.hits).toEqual([]);
  });

  it('reports an unreadable CA file at load, with the variable', () => {
    expect(() => config('https://127.0.0.1:9', { CANDIDATE_CA_FILE: 'certs/missing-ca.pem' })).toThrow(/CANDIDATE_CA_FILE.*cannot read the file \(ENOENT\)/);
  });
});

describe('mutual TLS (*_CLIENT_CERT / *_CLIENT_KEY)', () => {
  it('presents the configured client certificate to the API, the token endpoint and the JWKS', async () => {
    const gw = await gateway({ tls: { ...pki.server, clientCa: pki.ca.cert } });
    const cfg = config(gw.url, { CANDIDATE_CA_FILE: pki.caFile, CANDIDATE_CLIENT_CERT: pki.clientCertFile, CANDIDATE_CLIENT_KEY: pki.clientKeyFile });
    const { exchange, verified } = await useTarget(cfg.targets.candidate);
    expect(exchange.response?.status).toBe(200);
    expect(verified).toBe(true);
    expect(gw.hits.map((hit) => `${hit.path} ${hit.clientCn}`)).toEqual(['/token parity-harness-client', '/menu parity-harness-client', '/jwks parity-harness-client']);
  });

  it('is refused by the gateway without a client certificate', async () => {
    const gw = await gateway({ tls: { ...pki.server, clientCa: pki.ca.cert } });
    const { error } = await useTarget(config(gw.url, { CANDIDATE_CA_FILE: pki.caFile }).targets.candidate);
    expect((error as Error).name).toBe('TargetUnreachableError');
    expect(gw.hits).toEqual([]);
  });

  it('is refused with a client certificate from another CA', async () => {
    const gw = await gateway({ tls: { ...pki.server, clientCa: pki.ca.cert } });
    const cfg = config(gw.url, { CANDIDATE_CA_FILE: pki.caFile, CANDIDATE_CLIENT_CERT: pki.strangerCertFile, CANDIDATE_CLIENT_KEY: pki.strangerKeyFile });
    const { error } = await useTarget(cfg.targets.candidate);
    expect((error as Error).name).toBe('TargetUnreachableError');
    expect(gw.hits).toEqual([]);
  });

  it('needs the certificate and the key together', () => {
    expect(() => config('https://127.0.0.1:9', { CANDIDATE_CLIENT_CERT: pki.clientCertFile })).toThrow(/CANDIDATE_CLIENT_KEY is not set: CANDIDATE_CLIENT_CERT is set/);
  });
});
