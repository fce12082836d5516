import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKey } from './signingKey';

/** Issuer both gateways put in the backend JWT (facts §4). */
const backendJwtIssuer = 'wso2.org/products/am';

/** The `http://wso2.org/claims/<name>` claim URI that API Manager and Choreo Connect use (facts §4). */
export const wso2Claim = (name: string): string => `http://wso2.org/claims/${name}`;

/**
 * Signs the JWT a gateway hands the backend in `X-JWT-Assertion` (facts §4), RS256 with the
 * gateway's own key. It lives 15 minutes, like API Manager's default backend JWT.
 */
export async function signBackendJwt(key: SigningKey, claims: Record<string, unknown>): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims, jti: randomUUID() })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .setIssuer(backendJwtIssuer)
    .setIssuedAt(now)
    .setExpirationTime(now + 900)
    .sign(key.privateKey);
}
