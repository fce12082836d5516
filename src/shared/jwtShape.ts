import { parseJsonObject } from './parseJsonObject';

/**
 * Compact JWS/JWT shape: three base64url parts, the first a JSON JOSE header. Every real header
 * serialises as `{"…`, so it starts with `eyJ`; requiring that keeps host names and dotted
 * identifiers from looking like tokens.
 */
const jwtPattern = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*(?![A-Za-z0-9_-])/g;

export interface DecodedJwt {
  header: Record<string, unknown>;
  /** The payload as JSON when it parses as an object, else undefined. */
  claims?: Record<string, unknown>;
  /** Decoded header and payload text, for searching. */
  decodedText: string;
  parts: [string, string, string];
}

/** A fresh global regex for JWT-shaped substrings (global regexes carry state; never share one). */
export function jwtShapedRegex(): RegExp {
  return new RegExp(jwtPattern.source, 'g');
}

/** Decodes a JWT-shaped string; undefined when the header is not a JSON object naming `alg`. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  const headerText = decodeBase64url(h);
  const header = parseJsonObject(headerText);
  if (!header || typeof header['alg'] !== 'string') return undefined;
  const payloadText = decodeBase64url(p);
  const claims = parseJsonObject(payloadText);
  return { header, claims, decodedText: `${headerText}\n${payloadText}`, parts: [h, p, s] };
}

function decodeBase64url(part: string): string {
  return Buffer.from(part, 'base64url').toString('utf8');
}

