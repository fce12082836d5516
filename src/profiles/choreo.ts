import { wso2BackendJwt, wwwAuthenticateChallenge } from './apicloud';
import { choreoConnectFault, codeMessageFault } from './faults/jsonFaults';
import { transportHeaderDrops } from './generic';
import { headerNameSet } from './headerValues';
import type { HeaderCanonicalizer, HeaderDrop, Profile } from './types';

const choreoHeaderDrops: readonly HeaderDrop[] = [
  ...transportHeaderDrops,
  // facts §4 (G): `x-request-id` when tracing is on.
  { name: 'x-request-id', rule: 'header.gateway-only:{name}', fact: 'facts §4: Choreo adds an x-request-id correlation header when tracing is on.' },
  // facts §4 (G): Envoy answers as `server: envoy`.
  { name: 'server', rule: 'header.gateway-only:{name}', fact: 'facts §4: Choreo Connect (Envoy) answers with Server: envoy.' },
  // facts §4 (V): x-envoy-* are normally suppressed; when one leaks it is still only Envoy's.
  { name: 'x-envoy-*', rule: 'header.gateway-only:{name}', fact: 'facts §4: x-envoy-* headers belong to the Envoy router, not to the API.' },
  // facts §3/§4 (V): Choreo's rate limiter documents x-ratelimit-limit/-reset/-remaining/-enforced; API Cloud has none.
  { name: 'x-ratelimit-*', rule: 'header.gateway-only:{name}', fact: "facts §3: Choreo's platform rate limiter adds x-ratelimit-* headers; API Cloud sends none." },
  // facts §3 (V): Choreo sends Retry-After (an HTTP date) on 429; API Cloud never does (it may put nextAccessTime in the body).
  { name: 'retry-after', rule: 'header.gateway-only:{name}', fact: 'facts §3: Choreo sends Retry-After on 429; API Cloud sends no Retry-After header.' },
];

const choreoCorsAllowHeaders: HeaderCanonicalizer = {
  name: 'access-control-allow-headers',
  rule: 'header.cors-allow-headers',
  // facts §4 (V): same list as API Cloud plus `apikey, testKey, Internal-Key`.
  fact: 'facts §4: Choreo adds apikey, testKey and Internal-Key to the CORS allow-headers API Cloud sends; names are case-insensitive.',
  canonicalize: (value) => headerNameSet(value, ['apikey', 'testkey', 'internal-key']),
};

/** Choreo: Choreo Connect (Envoy router + enforcer) (facts §1–§4). */
export const choreoProfile: Profile = {
  name: 'choreo',
  description: 'WSO2 Choreo (Choreo Connect: Envoy router + enforcer)',
  headerDrops: choreoHeaderDrops,
  headerCanonicalizers: [wwwAuthenticateChallenge, choreoCorsAllowHeaders],
  // facts §3: enforcer faults {code (string), error_message, error_description}; router replies {code, message, description}.
  faultParsers: [choreoConnectFault, codeMessageFault],
  backendJwt: {
    ...wso2BackendJwt,
    // facts §4 (V): Choreo adds applicationUUId, keytype, usertype and copies client_id, azp, org_id, org_name, scope, email.
    platformClaims: ['applicationuuid', 'keytype', 'usertype', 'client_id', 'azp', 'org_id', 'org_name', 'scope', 'email'],
    fact: 'facts §4: Choreo adds applicationUUId, keytype, usertype and copies client_id, azp, org_id, org_name, scope, email into the backend JWT.',
  },
};
