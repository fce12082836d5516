import type http from 'node:http';
import { readBody, sendJson } from './httpBodies';
import { createMenu } from './pizzashackMenu';
import { backendError, OrderStore, parseOrder } from './pizzashackOrders';
import type { SandboxGateway } from './types';

export interface PizzaShackBackend {
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
  lastClaims(gateway: SandboxGateway): Record<string, unknown> | undefined;
}

const apiContextClaim = 'http://wso2.org/claims/apicontext';

/**
 * WSO2's PizzaShack sample backend (facts §6), in memory. Like a real backend behind either
 * gateway it "reads the backend JWT it is given": without a decodable `x-jwt-assertion`
 * (facts §4: API Cloud sends `X-JWT-Assertion`, Envoy lower-cases it; Node lower-cases both)
 * it answers 401, so a gateway that forgets to send one is caught. The signature is not checked.
 *
 * `baseUrl` is read per request because the port is only known once the server listens.
 */
export function createPizzaShackBackend(baseUrl: () => string): PizzaShackBackend {
  const menu = createMenu();
  const orders = new OrderStore();
  const claims = new Map<SandboxGateway | 'direct', Record<string, unknown>>();

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { body } = await readBody(req);
    const payload = decodeJwtPayload(req.headers['x-jwt-assertion']);
    if (payload === undefined) {
      sendJson(res, 401, backendError(401, 'Unauthorized', 'The backend needs a decodable JWT in the X-JWT-Assertion header'));
      return;
    }
    claims.set(gatewayOf(payload), payload);

    const path = new URL(req.url ?? '/', 'http://backend').pathname;
    const method = req.method ?? 'GET';
    if (path === '/menu') {
      if (method !== 'GET') return notAllowed(res, method, path);
      sendJson(res, 200, menu(), { 'x-menu-version': '1.0' });
      return;
    }
    if (path === '/order') {
      if (method !== 'POST') return notAllowed(res, method, path);
      const parsed = parseOrder(req.headers['content-type'], body);
      if (!parsed.ok) return sendJson(res, parsed.status, parsed.error);
      const order = orders.create(parsed.input);
      sendJson(res, 201, order, { location: `${baseUrl()}/order/${order.orderId}` });
      return;
    }
    const match = /^\/order\/([^/]+)$/.exec(path);
    if (match) {
      const orderId = decodeURIComponent(match[1]!);
      const missing = () => sendJson(res, 404, backendError(404, 'Not Found', `No order with id ${orderId}`));
      if (method === 'GET') {
        const order = orders.get(orderId);
        return order ? sendJson(res, 200, order) : missing();
      }
      if (method === 'PUT') {
        if (!orders.get(orderId)) return missing();
        const parsed = parseOrder(req.headers['content-type'], body);
        if (!parsed.ok) return sendJson(res, parsed.status, parsed.error);
        return sendJson(res, 200, orders.replace(orderId, parsed.input));
      }
      if (method === 'DELETE') {
        const order = orders.delete(orderId);
        return order ? sendJson(res, 200, order) : missing();
      }
      return notAllowed(res, method, path);
    }
    sendJson(res, 404, backendError(404, 'Not Found', `No resource at ${path}`));
  }

  return {
    handle,
    lastClaims: (gateway) => claims.get(gateway),
  };
}

function notAllowed(res: http.ServerResponse, method: string, path: string): void {
  sendJson(res, 405, backendError(405, 'Method Not Allowed', `${method} is not allowed on ${path}`));
}

/** Which gateway minted a backend JWT: API Cloud's API context carries the `/t/<org>` tenant path (facts §2, §4). */
function gatewayOf(payload: Record<string, unknown>): SandboxGateway | 'direct' {
  const context = payload[apiContextClaim];
  if (typeof context !== 'string') return 'direct';
  return context.startsWith('/t/') ? 'legacy' : 'candidate';
}

/** The payload of a compact JWS, without checking its signature; undefined when it is not one. */
function decodeJwtPayload(header: string | string[] | undefined): Record<string, unknown> | undefined {
  const token = Array.isArray(header) ? header[0] : header;
  const part = token?.split('.')[1];
  if (!part) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
