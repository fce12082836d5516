import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { generateKeyPair, SignJWT } from 'jose';

/** Secrets the hostile gateway knows, and hands back in every way it can think of. */
export interface HostileSecrets {
  legacyClientSecret: string;
  candidateClientSecret: string;
  apiKey: string;
  csrf: string;
  refresh: string;
}

export interface HostileGateway {
  url: string;
  /** Everything a token endpoint issued, padded forms included. */
  issued: string[];
  /** Session values handed out for capture (credential-named captures). */
  sessions: string[];
  /** Headers that reached the other origin after a cross-origin redirect. */
  strangerSaw: Array<Record<string, string | string[] | undefined>>;
  /** Names of the vectors, one suite case each (`cross-worker-seen` aside: it belongs to the npm test run). */
  vectors: string[];
  /** Forgets the tokens seen so far: `cross-worker-seen` then echoes only the current run's. */
  forgetSeen(): void;
  close(): Promise<void>;
}

type Ctx = { token: string; secrets: HostileSecrets; req: http.IncomingMessage; res: http.ServerResponse; body: string; url: URL; jwtEcho: string };
type Vector = (ctx: Ctx) => void | Promise<void>;

const json = (res: http.ServerResponse, body: unknown, headers: http.OutgoingHttpHeaders = {}): void =>
  void res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
const text = (res: http.ServerResponse, body: string, type = 'text/plain', headers: http.OutgoingHttpHeaders = {}): void => void res.writeHead(200, { 'content-type': type, ...headers }).end(body);
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');
const wrap = (s: string, width: number) => s.match(new RegExp(`.{1,${width}}`, 'g'))!.join('\r\n');
/** Gson's default escaping of `<>&='` (WSO2 gateways are Java). */
const gson = (s: string) => JSON.stringify(s).replace(/[<>&=']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * One vector per route: what a hostile (or merely careless) gateway does with the credentials it
 * was sent. The leak corpus runs one suite case per route on both targets.
 */
function vectors(stranger: () => string, sessions: string[]): Record<string, Vector> {
  return {
    'body-literal': ({ res, token }) => json(res, { youSent: token }),
    'header-value': ({ res, token }) => json(res, {}, { 'x-echo-token': token }),
    'header-name-token': ({ res, token }) => json(res, {}, { [`x-session-${token.replace(/[^A-Za-z0-9-]/g, '')}`]: '1' }),
    'header-name-secret': ({ res, secrets }) => json(res, {}, { [`x-k-${secrets.apiKey}`]: '1' }),
    'location-header': ({ res, token }) => void res.writeHead(201, { location: `/orders/1?access=${encodeURIComponent(token)}`, 'content-type': 'application/json' }).end('{}'),
    'base64-body': ({ res, token }) => json(res, { blob: b64(token) }),
    'base64-at-offset': ({ res, token, secrets }) => json(res, { basic: b64(`client:${secrets.candidateClientSecret}`), other: b64(`x${token}yz`) }),
    'base64-line-wrapped': ({ res, token, secrets }) => text(res, `-----BEGIN DATA-----\n${wrap(b64(`ab${token}${secrets.legacyClientSecret}`), 20)}\n-----END DATA-----\n`),
    'hex-lower-body': ({ res, token }) => json(res, { trace: hex(token) }),
    'hex-upper-header': ({ res, token }) => json(res, {}, { 'x-trace': hex(token).toUpperCase() }),
    'url-encoded-secret': ({ res, secrets }) => text(res, `ref=${encodeURIComponent(secrets.candidateClientSecret)}&x=1`, 'application/x-www-form-urlencoded'),
    'gzip-echo': ({ res, token }) => void res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(zlib.gzipSync(JSON.stringify({ t: token }))),
    'jwt-claim-holds-token': ({ res, jwtEcho }) => json(res, { backendJwt: jwtEcho }),
    'jwt-signature-only': ({ res, token }) => json(res, { sig: token.split('.')[2] ?? token }),
    'jwt-signing-input': ({ res, token }) => json(res, { input: token.split('.').slice(0, 2).join('.') || token }),
    'env-header-echo': ({ res, req }) => json(res, { gotKey: req.headers['x-api-key'] ?? null }),
    'env-query-echo': ({ res, url }) => json(res, { csrf: url.searchParams.get('csrf') }, { 'x-csrf-echo': url.searchParams.get('csrf') ?? '' }),
    'env-body-echo': ({ res, body }) => text(res, `you posted: ${body}`),
    'capture-session': ({ res }) => {
      const session = `sess-${randomUUID()}`;
      sessions.push(session);
      json(res, { sessionKey: session });
    },
    'capture-echo': ({ res, req }) => json(res, { session: req.headers['x-session'] ?? null }),
    'cross-origin-redirect': ({ res }) => void res.writeHead(307, { location: `${stranger()}/landing` }).end(),
    'cut-mid-token': ({ res, token }) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`{"padding":"${'x'.repeat(64)}","t":"${token.slice(0, Math.ceil(token.length / 2))}`);
      setTimeout(() => res.destroy(), 20);
    },
    'set-cookie': ({ res, token }) => json(res, {}, { 'set-cookie': [`sid=${token}; Path=/`, `${b64(token).slice(0, 12)}=1`] }),
    'www-authenticate': ({ res, token }) => void res.writeHead(401, { 'www-authenticate': `Bearer error="invalid_token", token="${token}"`, 'content-type': 'application/json' }).end('{"code":"900901"}'),
    'xml-body': ({ res, token, secrets }) => text(res, `<?xml version="1.0"?><r key="${secrets.apiKey}"><t>${token}</t></r>`, 'application/xml'),
    'gson-escaped-secret': ({ res, secrets }) => text(res, `{"echo":${gson(secrets.candidateClientSecret)}}`, 'application/json'),
    'binary-body': ({ res, token }) => void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.concat([Buffer.from([0, 1, 2, 255]), Buffer.from(token), Buffer.from([0])])),
    'html-error-comment': ({ res, token }) => void res.writeHead(500, { 'content-type': 'text/html' }).end(`<html><!-- debug: bearer ${token} --><body>oops</body></html>`),
    'redirect-same-host': ({ res, token }) => void res.writeHead(302, { location: `/v/final?token=${encodeURIComponent(token)}` }).end(),
    final: ({ res, url }) => json(res, { arrivedWith: url.search }),
    'token-as-json-key': ({ res, token }) => json(res, { [token]: true }),
    'url-encoded-in-json': ({ res, token }) => json(res, { next: `https://x.example/?t=${encodeURIComponent(token)}` }),
    'repeated-header': ({ res, token }) => json(res, {}, { 'x-multi': ['first', `second ${token}`] }),
    'link-header': ({ res, token }) => json(res, {}, { link: `</next?t=${token}>; rel="next"` }),
    'token-with-suffix': ({ res, token }) => json(res, { glued: `${token}xyz123` }),
    'base64url-header': ({ res, token }) => json(res, {}, { 'x-b64u': Buffer.from(token).toString('base64url') }),
    'control-chars': ({ res }) => text(res, 'ok\u001b[2J\u001b[32mverdict: PASS\u001b[0m\u001b]0;owned\u0007', 'text/plain', { 'x-note': 'fine' }),
    // Tokens other clients sent (as a shared backend cache might hand out): under npm test, the
    // other Jest worker's token lands in this worker's record.
    'cross-worker-seen': ({ res }) => json(res, { seen: [...seenTokens] }),
  };
}

/** Tokens that arrived in API requests: what a shared backend cache could hand to another client. */
const seenTokens = new Set<string>();

/**
 * A hostile gateway for both targets on 127.0.0.1: `POST /<target>/token` issues tokens (legacy:
 * an opaque UUID padded as `" <uuid>\t"`, which the gateway then sees trimmed; candidate: an
 * RS256 JWT), and `/v/<vector>` answers as that vector says. A second server plays the other
 * origin a cross-origin redirect leads to.
 */
export async function startHostileGateway(secrets: HostileSecrets): Promise<HostileGateway> {
  const { privateKey } = await generateKeyPair('RS256');
  const { privateKey: echoKey } = await generateKeyPair('RS256');
  const issued: string[] = [];
  const sessions: string[] = [];
  const strangerSaw: HostileGateway['strangerSaw'] = [];
  const strangerServer = http.createServer((req, res) => {
    strangerSaw.push({ ...req.headers });
    json(res, { headersYouSent: req.headers });
  });
  await new Promise<void>((resolve) => strangerServer.listen(0, '127.0.0.1', () => resolve()));
  const strangerUrl = `http://127.0.0.1:${(strangerServer.address() as AddressInfo).port}`;
  const routes = vectors(() => strangerUrl, sessions);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://x');
        const body = Buffer.concat(chunks).toString('utf8');
        const tokenMatch = /^\/(legacy|candidate)\/token$/.exec(url.pathname);
        if (tokenMatch && req.method === 'POST') {
          const target = tokenMatch[1]!;
          const raw = target === 'legacy' ? randomUUID() : await new SignJWT({ scope: 'read', azp: 'leak-corpus' }).setProtectedHeader({ alg: 'RS256', kid: 'hostile' }).setIssuedAt().setExpirationTime('1h').sign(privateKey);
          const sent = target === 'legacy' ? ` ${raw}\t` : raw;
          issued.push(sent, raw);
          json(res, { access_token: sent, token_type: 'Bearer', expires_in: 3600 });
          return;
        }
        if (url.pathname === '/candidate/refuse') {
          // A token endpoint that quotes the secret it was sent, encoded too, with terminal control sequences.
          const description = `client secret ${secrets.candidateClientSecret} (${b64(`candidate-app:${secrets.candidateClientSecret}`)}) is wrong \u001b[2J\u001b[32mverdict: PASS\u001b]0;owned\u0007`;
          res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_client', error_description: description }));
          return;
        }
        const vector = /^\/v\/([a-z0-9-]+)$/.exec(url.pathname)?.[1];
        const handler = vector ? routes[vector] : undefined;
        if (!handler) return void res.writeHead(404).end();
        const token = (/^Bearer\s+(.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '').trim();
        if (token) seenTokens.add(token);
        const jwtEcho = await new SignJWT({ originalToken: token, sub: 'backend' }).setProtectedHeader({ alg: 'RS256' }).sign(echoKey);
        await handler({ token, secrets, req, res, body, url, jwtEcho });
      })().catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    issued,
    sessions,
    strangerSaw,
    vectors: Object.keys(routes).filter((name) => !['final', 'capture-echo', 'cross-worker-seen'].includes(name)),
    forgetSeen: () => seenTokens.clear(),
    close: async () => {
      for (const s of [server, strangerServer]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}
