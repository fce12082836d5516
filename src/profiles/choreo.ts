import { wso2BackendJwt, wwwAuthenticateChallenge } from './apicloud';
import { choreoConnectFault, codeMessageFault } from './faults/jsonFaults';
import { transportHeaderDrops } from './generic';
import { documented } from './gatewayDoc';
import type { HeaderDrop, Profile } from './types';

const choreoHeaderDrops: readonly HeaderDrop[] = [
  ...transportHeaderDrops,
  // facts §4 (G): `x-request-id` when tracing is on.
  { name: 'x-request-id', rule: 'header.gateway-only:{name}', fact: documented('header-gateway-only', 'Choreo adds an x-request-id correlation header when tracing is on') },
  // facts §4 (G): Envoy answers as `server: envoy`.
  { name: 'server', rule: 'header.gateway-only:{name}', fact: documented('header-gateway-only', 'Choreo Connect (Envoy) answers with Server: envoy') },
  // facts §4 (V): x-envoy-* are normally suppressed; when one leaks it is still only Envoy's.
  { name: 'x-envoy-*', rule: 'header.gateway-only:{name}', fact: documented('header-gateway-only', 'x-envoy-* headers belong to the Envoy router, not to the API') },
  // facts §3/§4 (V): Choreo's rate limiter documents x-ratelimit-limit/-reset/-remaining/-enforced; API Cloud has none.
  { name: 'x-ratelimit-*', rule: 'header.gateway-only:{name}', fact: documented('header-gateway-only', "Choreo's platform rate limiter adds x-ratelimit-* headers; API Cloud sends none") },
  // facts §3 (V): Choreo sends Retry-After (an HTTP date) on 429; API Cloud never does (it may put nextAccessTime in the body).
  { name: 'retry-after', rule: 'header.gateway-only:{name}', fact: documented('header-gateway-only', 'Choreo sends Retry-After on 429; API Cloud sends no Retry-After header') },
];

/** Choreo: Choreo Connect (Envoy router + enforcer) (facts §1–§4). */
export const choreoProfile: Profile = {
  name: 'choreo',
  description: 'WSO2 Choreo (Choreo Connect: Envoy router + enforcer)',
  headerDrops: choreoHeaderDrops,
  // CORS is a rule of the migration PAIR (profiles/corsRules.ts), not of one side.
  headerCanonicalizers: [wwwAuthenticateChallenge],
  // facts §3: enforcer faults {code (string), error_message, error_description}; router replies {code, message, description}.
  faultParsers: [choreoConnectFault, codeMessageFault],
  backendJwt: {
    ...wso2BackendJwt,
    // facts §4 (V): Choreo adds applicationUUId, keytype, usertype and copies client_id, azp, org_id, org_name, scope, email.
    platformClaims: ['applicationuuid', 'keytype', 'usertype', 'client_id', 'azp', 'org_id', 'org_name', 'scope', 'email'],
    fact: documented('jwt-backend-claims', 'Choreo adds applicationUUId, keytype, usertype and copies client_id, azp, org_id, org_name, scope, email into the backend JWT'),
  },
};
