import { decodeJwt } from '../shared/jwtShape';

type TokenFormat = 'opaque-uuid' | 'opaque-hex' | 'jwt' | 'opaque';

export interface TokenInspection {
  format: TokenFormat;
  /** JWT payload claims (not verified: use `verifyJwt` for that). */
  claims?: Record<string, unknown>;
  /** JOSE header of a JWT (`alg`, `kid`, `typ`). */
  header?: Record<string, unknown>;
}

/**
 * What kind of token this is, without trusting it (facts §1): API Cloud issues opaque tokens
 * shaped as a UUID (`1fa22cef-c791-3105-9ac4-58511c199aa0`) or 32 hex characters; Choreo issues
 * RS256 JWTs. Anything else is reported as plain `opaque`.
 */
export function inspectToken(value: string): TokenInspection {
  const token = value.trim();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token)) return { format: 'opaque-uuid' };
  if (/^[0-9a-f]{32}$/i.test(token)) return { format: 'opaque-hex' };
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) {
    const decoded = decodeJwt(token);
    if (decoded) return { format: 'jwt', header: decoded.header, claims: decoded.claims };
  }
  return { format: 'opaque' };
}
