import { decodeJwt } from '../shared/jwtShape';
import { isRecord } from '../model/jsonPath';

/**
 * JWT-shaped strings (a backend echoing the backend JWT, a token in a body) are compared by what
 * they say, not by their bytes: each is opened into a view `{"«jwt»": {header, claims, signature}}`
 * in the raw form already, so a difference inside it has a path (`$.jwt["«jwt»"].claims.sub`).
 * Recording kept header and payload and replaced the signature of non-secret JWTs by `«sig»`.
 */
export const jwtKey = '«jwt»';

export interface JwtParts {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signature?: string;
}

export type JwtView = { [jwtKey]: JwtParts };

const compactJwt = /^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.(?:[A-Za-z0-9_-]*|«sig»)$/;

export function openJwt(text: string): JwtView | undefined {
  // Every compact JWT starts with `eyJ` (base64url of `{"`): most strings are out at the first character.
  if (!text.startsWith('eyJ') || !compactJwt.test(text)) return undefined;
  const decoded = decodeJwt(text);
  if (!decoded?.claims) return undefined;
  return { [jwtKey]: { header: decoded.header, claims: decoded.claims, signature: decoded.parts[2] } };
}

export function isJwtView(value: unknown): value is JwtView {
  // The member lookup first: it rules out almost every object without allocating a key list.
  return isRecord(value) && isRecord(value[jwtKey]) && Object.keys(value).length === 1;
}
