import { apimXmlFault } from './faults/apimXmlFault';
import { apimJsonFault, codeMessageFault } from './faults/jsonFaults';
import { transportHeaderDrops } from './generic';
import { documented } from './gatewayDoc';
import { challengePresent } from './headerValues';
import type { BackendJwtRules, HeaderCanonicalizer, HeaderDrop, Profile } from './types';

/** The backend JWT both platforms sign (facts §4); which claims differ by construction. */
export const wso2BackendJwt = {
  issuer: 'wso2.org/products/am',
  // apicontext: tenant path `/t/<org>/…` here vs org-UUID path on Choreo (facts §4);
  // applicationid: applications are re-created on Choreo (facts §7);
  // tier: API Cloud tiers (Gold/Silver/Bronze) vs Choreo policies (10KPerMin, …) (facts §5).
  constructedClaims: ['apicontext', 'applicationid', 'tier'],
  platformClaims: [],
  fact: documented(
    'jwt-backend-claims',
    'both platforms send issuer wso2.org/products/am with http://wso2.org/claims/* claims; apicontext differs by construction (tenant path vs org-UUID path), applications are re-created and tiers renamed',
  ),
} satisfies BackendJwtRules;

const apicloudHeaderDrops: readonly HeaderDrop[] = [
  ...transportHeaderDrops,
  // facts §4 (G): API Cloud's correlation header, a fresh UUID per call.
  { name: 'activityid', rule: 'header.gateway-only:{name}', fact: documented('header-gateway-only', 'API Cloud adds an activityid correlation header (a fresh UUID per call)') },
  // facts §4 (G): `WSO2 Carbon Server` on some responses.
  { name: 'server', rule: 'header.gateway-only:{name}', fact: documented('header-gateway-only', 'API Cloud answers some responses with Server: WSO2 Carbon Server') },
];

export const wwwAuthenticateChallenge: HeaderCanonicalizer = {
  name: 'www-authenticate',
  rule: 'header.www-authenticate-challenge',
  // facts §3 (V): API Cloud `OAuth2 realm="WSO2 API Manager"`; Choreo `Bearer realm="Choreo Connect", error=…`.
  fact: documented(
    'header-www-authenticate-challenge',
    'API Cloud challenges with OAuth2 realm="WSO2 API Manager", Choreo with Bearer realm="Choreo Connect" and error parameters; only the presence of a challenge is compared',
  ),
  canonicalize: () => challengePresent,
};

/** WSO2 API Cloud: API Manager 2.x/3.x synapse gateway (facts §1–§4). */
export const apicloudProfile: Profile = {
  name: 'apicloud',
  description: 'WSO2 API Cloud (API Manager 2.x/3.x gateway)',
  headerDrops: apicloudHeaderDrops,
  // CORS is a rule of the migration PAIR (profiles/corsRules.ts): Envoy sends it only on CORS requests.
  headerCanonicalizers: [wwwAuthenticateChallenge],
  // facts §3: XML by default, converted to {"fault":{…}} JSON when the client accepts JSON (V/G: both tolerated);
  // API Manager 4's {code, message, description} is tolerated too.
  faultParsers: [apimXmlFault, apimJsonFault, codeMessageFault],
  backendJwt: wso2BackendJwt,
};
