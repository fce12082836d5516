import { apimXmlFault } from './faults/apimXmlFault';
import { apimJsonFault, codeMessageFault } from './faults/jsonFaults';
import { transportHeaderDrops } from './generic';
import { challengePresent, headerNameSet } from './headerValues';
import type { BackendJwtRules, HeaderCanonicalizer, HeaderDrop, Profile } from './types';

/** The backend JWT both platforms sign (facts §4); which claims differ by construction. */
export const wso2BackendJwt = {
  issuer: 'wso2.org/products/am',
  // apicontext: tenant path `/t/<org>/…` here vs org-UUID path on Choreo (facts §4);
  // applicationid: applications are re-created on Choreo (facts §7);
  // tier: API Cloud tiers (Gold/Silver/Bronze) vs Choreo policies (10KPerMin, …) (facts §5).
  constructedClaims: ['apicontext', 'applicationid', 'tier'],
  platformClaims: [],
  fact: 'facts §4: both platforms send issuer wso2.org/products/am with http://wso2.org/claims/* claims; apicontext differs by construction (tenant path vs org-UUID path), applications are re-created (§7) and tiers renamed (§5).',
} satisfies BackendJwtRules;

const apicloudHeaderDrops: readonly HeaderDrop[] = [
  ...transportHeaderDrops,
  // facts §4 (G): API Cloud's correlation header, a fresh UUID per call.
  { name: 'activityid', rule: 'header.gateway-only:{name}', fact: 'facts §4: API Cloud adds an activityid correlation header (a fresh UUID per call).' },
  // facts §4 (G): `WSO2 Carbon Server` on some responses.
  { name: 'server', rule: 'header.gateway-only:{name}', fact: 'facts §4: API Cloud answers some responses with Server: WSO2 Carbon Server.' },
];

export const wwwAuthenticateChallenge: HeaderCanonicalizer = {
  name: 'www-authenticate',
  rule: 'header.www-authenticate-challenge',
  // facts §3 (V): API Cloud `OAuth2 realm="WSO2 API Manager"`; Choreo `Bearer realm="Choreo Connect", error=…`.
  fact: 'facts §3: API Cloud challenges with OAuth2 realm="WSO2 API Manager", Choreo with Bearer realm="Choreo Connect" and error parameters; only the presence of a challenge is compared.',
  canonicalize: () => challengePresent,
};

const apicloudCorsAllowHeaders: HeaderCanonicalizer = {
  name: 'access-control-allow-headers',
  rule: 'header.cors-allow-headers',
  // facts §4 (V): `authorization,Access-Control-Allow-Origin,Content-Type,SOAPAction`; compared as a set of names.
  fact: 'facts §4: CORS allow-headers is a set of case-insensitive names; Choreo adds apikey, testKey and Internal-Key to the API Cloud list.',
  canonicalize: (value) => headerNameSet(value),
};

/** WSO2 API Cloud: API Manager 2.x/3.x synapse gateway (facts §1–§4). */
export const apicloudProfile: Profile = {
  name: 'apicloud',
  description: 'WSO2 API Cloud (API Manager 2.x/3.x gateway)',
  headerDrops: apicloudHeaderDrops,
  headerCanonicalizers: [wwwAuthenticateChallenge, apicloudCorsAllowHeaders],
  // facts §3: XML by default, converted to {"fault":{…}} JSON when the client accepts JSON (V/G: both tolerated);
  // API Manager 4's {code, message, description} is tolerated too.
  faultParsers: [apimXmlFault, apimJsonFault, codeMessageFault],
  backendJwt: wso2BackendJwt,
};
