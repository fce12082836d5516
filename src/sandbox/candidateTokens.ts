import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { SigningKey } from './signingKey';
import type { GrantRecord } from './tokenStore';

export interface CandidateTokenConfig {
  /** `iss` of every token: the token endpoint's URL, as Choreo's STS uses (facts §1). Read late: the port comes from listening. */
  issuer(): string;
  /** Published in the JWKS. */
  key: SigningKey;
  /** When set, tokens are signed with this key, which is NOT in the JWKS (option `signWithUnknownKey`). */
  unknownKey?: SigningKey;
  lifetimeSec: number;
  orgId: string;
  orgName: string;
  /** The app owner's e-mail, for tokens that carry no user (client_credentials). */
  ownerEmail: string;
}

export interface CandidateTokens {
  issue(grant: GrantRecord): Promise<{ accessToken: string; expiresIn: number }>;
  jwks(): { keys: JWK[] };
  /** Claims of a token this gateway issued and that is still valid; undefined otherwise. */
  verify(token: string): Promise<JWTPayload | undefined>;
}

/**
 * Choreo's access tokens: RS256 JWTs with `kid` in the header and the claims facts §1 lists —
 * `client_id`, `azp`, `org_id`, `org_name`, space-separated `scope`, `email` (verified) and `sub`,
 * `aud`, `exp`, `iat`, `nbf`, `jti`, `keytype` (guessed). Lifetime 900 s by default.
 */
export function createCandidateTokens(config: CandidateTokenConfig): CandidateTokens {
  const signingKey = config.unknownKey ?? config.key;
  return {
    async issue(grant) {
      const now = Math.floor(Date.now() / 1000);
      const accessToken = await new SignJWT({
        client_id: grant.clientId,
        azp: grant.clientId,
        org_id: config.orgId,
        org_name: config.orgName,
        scope: grant.scopes.join(' '),
        email: grant.username ?? config.ownerEmail,
        keytype: 'PRODUCTION',
      })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: signingKey.kid })
        .setIssuer(config.issuer())
        .setSubject(grant.username ?? grant.clientId)
        .setAudience(grant.clientId)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + config.lifetimeSec)
        .setJti(randomUUID())
        .sign(signingKey.privateKey);
      return { accessToken, expiresIn: config.lifetimeSec };
    },
    jwks: () => ({ keys: [config.key.publicJwk] }),
    async verify(token) {
      // The gateway trusts its own unknown key too: the option breaks only clients that check the JWKS.
      for (const key of config.unknownKey ? [config.key, config.unknownKey] : [config.key]) {
        try {
          const { payload } = await jwtVerify(token, key.publicKey, { issuer: config.issuer(), algorithms: ['RS256'] });
          return payload;
        } catch {
          // try the next key; a token that fails them all is invalid
        }
      }
      return undefined;
    },
  };
}
