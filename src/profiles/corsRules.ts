import { documented } from './gatewayDoc';
import { headerNameSet } from './headerValues';

/**
 * CORS as the two gateways really send it (gateway facts §4). API Cloud's CORS handler adds its
 * headers to EVERY response; Choreo Connect's router is Envoy, whose CORS filter adds them only to
 * accepted CORS requests — requests that carry `Origin` — and answers legal preflight `OPTIONS`
 * itself (Envoy docs, HTTP filters → CORS). So:
 * - without `Origin`, CORS headers present on the legacy only are the Envoy behaviour, accepted;
 * - with `Origin` (a browser's request, or a preflight) they decide whether browser clients keep
 *   working: allowed origin and methods must be equal, the allowed headers a superset (Choreo adds
 *   `apikey, testKey, Internal-Key`), and a missing `Access-Control-Allow-Origin` is a regression.
 */
export interface CorsPairRule {
  /** Response headers that are CORS headers (lower-case). */
  headers: readonly string[];
  /** Header lists compared as case-insensitive sets; `superset`: the candidate may allow more. */
  lists: Readonly<Record<string, 'equal' | 'superset'>>;
  onlyOnCorsRequests: { rule: string; fact: string };
  allowLists: { rule: string; fact: string };
}

export const envoyCorsRule: CorsPairRule = {
  headers: [
    'access-control-allow-origin',
    'access-control-allow-methods',
    'access-control-allow-headers',
    'access-control-allow-credentials',
    'access-control-expose-headers',
    'access-control-max-age',
  ],
  lists: {
    'access-control-allow-methods': 'equal',
    'access-control-allow-headers': 'superset',
    'access-control-expose-headers': 'equal',
  },
  onlyOnCorsRequests: {
    rule: 'cors.only-on-cors-requests',
    fact: documented(
      'cors-only-on-cors-requests',
      "the request carried no Origin header: API Cloud adds CORS headers to every response, Choreo's Envoy router only to CORS requests (Envoy docs, HTTP filters → CORS)",
    ),
  },
  allowLists: {
    rule: 'cors.allow-lists',
    fact: documented(
      'cors-allow-lists',
      'CORS method and header lists are case-insensitive sets; Choreo allows apikey, testKey and Internal-Key besides the headers API Cloud allows, so the candidate may allow more headers, never fewer; an allowed origin that echoes the request Origin allows what * allows',
    ),
  },
};

/** True when the request is a CORS request (it names an Origin). */
export function isCorsRequest(requestHeaders: Readonly<Record<string, string>>): boolean {
  return Object.keys(requestHeaders).some((name) => name.toLowerCase() === 'origin');
}

/** A CORS list as a comparable set (`GET, post` → `get,post`). */
export function corsListSet(value: string): Set<string> {
  return new Set(headerNameSet(value).split(',').filter((name) => name !== ''));
}
