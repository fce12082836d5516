import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export interface Gateway {
  url: string;
  /** What reached the gateway: path, the credential it carried, and the client certificate's CN (mutual TLS). */
  hits: Array<{ path: string; authorization?: string; apiKey?: string; clientCn?: string }>;
  /** Tokens the /token endpoint issued. */
  issued: string[];
  close(): Promise<void>;
}

export interface GatewayOptions {
  tls?: { cert: string; key: string; /** Ask for a client certificate signed by this CA and refuse connections without one. */ clientCa?: string };
  /** The header an API key must arrive in (for the api_key grant); the value must equal `apiKey`. */
  apiKeyHeader?: string;
  apiKey?: string;
}

/**
 * A small real gateway on 127.0.0.1: `POST /token` issues RS256 JWTs (client_credentials),
 * `GET /jwks` serves the key set, `GET /menu` answers 200 to a token it issued (or the right
 * API key) and 401 to anything else. Over TLS with `clientCa`, a handshake without a client
 * certificate from that CA is refused before any HTTP happens.
 */
export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'net-k1', alg: 'RS256', use: 'sig' };
  const hits: Gateway['hits'] = [];
  const issued: string[] = [];
  let base = '';
  const listener: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const peer = (req.socket as TLSSocket).getPeerCertificate?.();
      const clientCn = peer && typeof peer.subject?.CN === 'string' ? peer.subject.CN : undefined;
      const apiKey = options.apiKeyHeader ? (req.headers[options.apiKeyHeader] as string | undefined) : undefined;
      hits.push({ path, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), ...(apiKey ? { apiKey } : {}), ...(clientCn ? { clientCn } : {}) });
      void answer(path, req, res, apiKey);
    });
  };
  const answer = async (path: string, req: http.IncomingMessage, res: http.ServerResponse, apiKey: string | undefined): Promise<void> => {
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (path === '/jwks') return void json(200, { keys: [jwk] });
    if (path === '/token' && req.method === 'POST') {
      const token = await new SignJWT({ scope: 'read' }).setProtectedHeader({ alg: 'RS256', kid: 'net-k1', typ: 'JWT' }).setIssuer(`${base}/token`).setIssuedAt().setExpirationTime('10m').sign(privateKey);
      issued.push(token);
      return void json(200, { access_token: token, token_type: 'Bearer', expires_in: 600, scope: 'read' });
    }
    if (path === '/menu') {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const ok = options.apiKeyHeader ? apiKey === options.apiKey : bearer !== undefined && issued.includes(bearer);
      return void (ok ? json(200, [{ name: 'Margherita', price: 9.5 }]) : json(401, { code: '900901', message: 'Invalid Credentials' }));
    }
    json(404, { error: 'not found' });
  };
  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key, ...(options.tls.clientCa ? { ca: options.tls.clientCa, requestCert: true, rejectUnauthorized: true } : {}) }, listener)
    : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  base = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url: base,
    hits,
    issued,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
