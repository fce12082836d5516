import http from 'node:http';
import { signBackendJwt } from './backendJwt';
import { readBody } from './httpBodies';
import type { SigningKey } from './signingKey';

/** A backend answer, read whole so a gateway can rewrite it before passing it on. */
export interface UpstreamResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface UpstreamRequest {
  method: string;
  /** Path and query on the backend, e.g. `/order/42?x=1`. */
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** Backend JWT header, with the name's case as the gateway writes it (facts §4). */
  jwtHeader: { name: string; value: string };
}

// Hop-by-hop headers (RFC 9110 §7.6.1) and those the proxy recomputes never cross it.
const dropped = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host', 'content-length', 'date']);

/**
 * Sends a request on to the backend as a gateway does: `Authorization` removed and the backend
 * JWT added (facts §4); a client's own `x-jwt-assertion` is never trusted.
 */
export function forwardToBackend(agent: http.Agent, backendUrl: string, request: UpstreamRequest): Promise<UpstreamResponse> {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || dropped.has(name) || name === 'authorization' || name === 'x-jwt-assertion') continue;
    headers[name] = value;
  }
  headers[request.jwtHeader.name] = request.jwtHeader.value;
  if (request.body.length > 0 || !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(request.method)) headers['content-length'] = request.body.length;

  return new Promise((resolve, reject) => {
    const upstream = http.request(new URL(request.path, backendUrl), { method: request.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    upstream.on('error', reject);
    upstream.end(request.body);
  });
}

/** The backend's headers minus hop-by-hop ones, ready to be sent on with a recomputed length. */
export function passOnHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !dropped.has(name)) out[name] = value;
  }
  return out;
}

/** What both gateways need to pass a call on to the backend. */
export interface ProxyRoute {
  backendUrl: string;
  /** The gateway's own URL; read per request because it is known only after listening. */
  gatewayUrl(): string;
  /** Signs the backend JWT. */
  key: SigningKey;
  agent: http.Agent;
}

/**
 * One gateway hop, as both gateways make it: reads the client's body, signs the backend JWT with
 * `claims`, forwards, and hands back the answer with hop-by-hop headers dropped and an absolute
 * backend `Location` pointed at the gateway's API base instead (facts §2, §4).
 */
export async function proxyCall(
  route: ProxyRoute,
  req: http.IncomingMessage,
  call: { method: string; path: string; jwtHeaderName: string; claims: Record<string, unknown>; apiBase: string },
): Promise<{ status: number; headers: http.OutgoingHttpHeaders; body: Buffer }> {
  const { body } = await readBody(req);
  const jwt = await signBackendJwt(route.key, call.claims);
  const upstream = await forwardToBackend(route.agent, route.backendUrl, {
    method: call.method,
    path: call.path,
    headers: req.headers,
    body,
    jwtHeader: { name: call.jwtHeaderName, value: jwt },
  });
  const headers = passOnHeaders(upstream.headers);
  const location = headers.location;
  if (typeof location === 'string' && location.startsWith(route.backendUrl)) {
    headers.location = `${route.gatewayUrl()}${call.apiBase}${location.slice(route.backendUrl.length)}`;
  }
  return { status: upstream.status, headers, body: upstream.body };
}
