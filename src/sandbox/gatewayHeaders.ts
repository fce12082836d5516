import { randomUUID } from 'node:crypto';
import type http from 'node:http';

const allowMethods = 'GET,PUT,POST,DELETE,PATCH,OPTIONS';
const legacyAllowHeaders = 'authorization,Access-Control-Allow-Origin,Content-Type,SOAPAction';

/**
 * Headers API Cloud adds (facts §4): CORS with API Manager's defaults (credentials false, so no
 * Allow-Credentials header), an `activityid` correlation id, and `server: WSO2 Carbon Server` on
 * the answers the gateway writes itself (`serverHeader`), not on those the backend wrote.
 */
export function legacyHeaders(serverHeader: boolean): http.OutgoingHttpHeaders {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': allowMethods,
    'access-control-allow-headers': legacyAllowHeaders,
    activityid: randomUUID(),
    ...(serverHeader ? { server: 'WSO2 Carbon Server' } : {}),
  };
}

/**
 * Headers Choreo Connect adds (facts §4): `x-request-id`, `server: envoy` (Envoy suppresses its
 * x-envoy-* headers) and — only on a CORS request, one that carries `Origin` — the same CORS
 * origin and methods as API Cloud with three extra allowed headers: Choreo's router is Envoy,
 * whose CORS filter adds CORS headers only to CORS requests (Envoy docs, HTTP filters → CORS).
 */
export function candidateHeaders(corsRequest = false): http.OutgoingHttpHeaders {
  return {
    ...(corsRequest ? candidateCorsHeaders() : {}),
    'x-request-id': randomUUID(),
    server: 'envoy',
  };
}

function candidateCorsHeaders(): http.OutgoingHttpHeaders {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': allowMethods,
    'access-control-allow-headers': `${legacyAllowHeaders},apikey,testKey,Internal-Key`,
  };
}

/** A CORS request names its Origin (Fetch standard, "CORS protocol"). */
export function isCorsRequest(req: http.IncomingMessage): boolean {
  return typeof req.headers.origin === 'string';
}

/**
 * A legal preflight — `OPTIONS` with `Origin` and `Access-Control-Request-Method` — which Envoy's
 * CORS filter answers itself, without passing it on (Envoy docs, HTTP filters → CORS).
 */
export function isPreflight(req: http.IncomingMessage): boolean {
  return req.method === 'OPTIONS' && isCorsRequest(req) && typeof req.headers['access-control-request-method'] === 'string';
}
