import { documented } from '../profiles/gatewayDoc';
import type { Profile } from '../profiles/types';
import type { JwtRules } from './sideRules';

/**
 * Claims that differ on every issue of a token: issued-at, expiry, not-before and the token id
 * (RFC 7519 §4.1.4–4.1.7). Two calls never share them, so they are not compared.
 */
const volatileClaims = ['iat', 'exp', 'nbf', 'jti'] as const;
export const volatileClaimsRule = 'jwt.volatile-claims';
export const volatileClaimsFact = documented('jwt-signature', 'RFC 7519 §4.1.4–4.1.7: iat, exp, nbf and jti are fresh on every token issued, on either gateway');
export const signatureRule = 'jwt.signature';
export const signatureFact =
  documented('jwt-signature', 'each platform signs with its own key (Choreo: RS256, JWKS at sts.choreo.dev), so signatures and key ids (kid, x5t) differ; only alg and the claims are compared');
export const backendClaimsRule = 'jwt.backend-claims';

/**
 * The backend-JWT rules of both sides' profiles, merged: a claim one platform adds is dropped on
 * BOTH sides (the other platform never sends it), a claim that differs by construction on either
 * platform is compared by presence on both.
 */
export function buildJwtRules(profiles: readonly Profile[]): JwtRules {
  // Profiles are fixed objects; a run asks for the same pair on every step.
  if (profiles.length === 2) {
    const [first, second] = profiles as [Profile, Profile];
    let bySecond = cachedRules.get(first);
    if (!bySecond) {
      bySecond = new WeakMap();
      cachedRules.set(first, bySecond);
    }
    let rules = bySecond.get(second);
    if (!rules) {
      rules = mergeJwtRules(profiles);
      bySecond.set(second, rules);
    }
    return rules;
  }
  return mergeJwtRules(profiles);
}

/** By the first profile, then the second: the merged rules are read-only, so they can be shared. */
const cachedRules = new WeakMap<Profile, WeakMap<Profile, JwtRules>>();

function mergeJwtRules(profiles: readonly Profile[]): JwtRules {
  const backends = profiles.flatMap((profile) => (profile.backendJwt ? [profile.backendJwt] : []));
  if (backends.length === 0) return { volatileClaims };
  const lower = (names: string[]) => new Set(names.map((name) => name.toLowerCase()));
  return {
    volatileClaims,
    backend: {
      issuers: new Set(backends.map((rules) => rules.issuer)),
      platformClaims: lower(backends.flatMap((rules) => rules.platformClaims)),
      constructedClaims: lower(backends.flatMap((rules) => rules.constructedClaims)),
      fact: [...new Set(backends.map((rules) => rules.fact))].join(' '),
    },
  };
}

/** `http://wso2.org/claims/keytype` → `keytype`: claims are matched by their last path segment. */
export function claimLocalName(claim: string): string {
  return claim.slice(claim.lastIndexOf('/') + 1).toLowerCase();
}
