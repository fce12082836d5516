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
 * Headers Choreo Connect adds (facts §4): the same CORS origin and methods with three extra
 * allowed headers, `x-request-id`, and `server: envoy` (Envoy suppresses its x-envoy-* headers).
 */
export function candidateHeaders(): http.OutgoingHttpHeaders {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': allowMethods,
    'access-control-allow-headers': `${legacyAllowHeaders},apikey,testKey,Internal-Key`,
    'x-request-id': randomUUID(),
    server: 'envoy',
  };
}
