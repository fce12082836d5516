/**
 * The spellings a secret takes on the wire. A token or client secret rarely appears only
 * literally: it is URL-encoded in form bodies and query strings, base64-encoded in
 * `Authorization: Basic` (as `id:secret`, so at any byte offset), JSON-escaped, and — because
 * WSO2 gateways are Java and Gson escapes `<>&='` by default — `\u003d`-escaped in JSON bodies.
 * Hex (any letter case) is matched separately, case-insensitively: see `hexVariants`.
 */

/** Below this many characters a base64 fragment at a shifted alignment matches too much noise. */
const minShiftedFragmentLength = 8;
/** Secrets shorter than this many bytes get no hex pattern. */
const minHexBytes = 6;
/** JWT parts shorter than this (an empty `alg: none` signature) are not worth a pattern of their own. */
const minJwtPartLength = 16;

/** The encodings, literal first. All of them map back to the one secret (and its label). */
export function secretVariants(secret: string): string[] {
  if (secret === '') return [];
  const variants = new Set<string>([secret]);
  for (const encoded of urlEncodings(secret)) variants.add(encoded);
  for (const escaped of jsonEscapes(secret)) variants.add(escaped);
  for (const fragment of base64Fragments(Buffer.from(secret, 'utf8'))) variants.add(fragment);
  for (const part of jwtParts(secret)) variants.add(part);
  return [...variants];
}

/**
 * The forms of a secret that are registered as secrets of their own: the value itself, and —
 * when it has surrounding whitespace — the trimmed value. A token endpoint that answers
 * `" <uuid>\t"` gets the padded string registered, while the gateway sees (and echoes) the
 * trimmed one.
 */
export function secretForms(value: string): string[] {
  const trimmed = value.trim();
  return trimmed === '' ? [] : trimmed === value ? [value] : [value, trimmed];
}

/**
 * Hex of the secret's UTF-8 bytes (lower case; matched case-insensitively, so `4A6B` and `4a6b`
 * are the same pattern). Hex keeps byte alignment, so a secret inside a longer hex string is a
 * plain substring.
 */
export function hexVariants(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  // Hex of a few bytes is a short run of digits: it would match ids and hashes everywhere.
  return bytes.length < minHexBytes ? [] : [bytes.toString('hex')];
}

function urlEncodings(secret: string): string[] {
  const component = encodeURIComponent(secret);
  // Some encoders escape the RFC 3986 sub-delims that encodeURIComponent keeps, some write
  // lower-case hex, and forms write spaces as '+'.
  const strict = component.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const lowerHex = (s: string): string => s.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
  const all = [component, strict, lowerHex(component), lowerHex(strict)];
  return [...all, ...all.map((s) => s.replace(/%20/gi, '+'))];
}

function jsonEscapes(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const slash = json.replace(/\//g, '\\/');
  const gson = (s: string, hex: (code: string) => string): string =>
    s.replace(/[<>&='\u2028\u2029]/g, (c) => `\\u${hex(c.charCodeAt(0).toString(16).padStart(4, '0'))}`);
  return [json, slash, gson(json, (h) => h), gson(json, (h) => h.toUpperCase())];
}

/**
 * A registered JWT leaks just as well in pieces: a gateway that echoes the signing input
 * (`header.payload`) or the signature alone hands out everything but, or the one part that
 * cannot be recomputed. Both are registered for a JWT-shaped secret.
 */
function jwtParts(secret: string): string[] {
  const parts = secret.split('.');
  if (parts.length !== 3 || !secret.startsWith('eyJ') || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return [];
  const [header, payload, signature] = parts as [string, string, string];
  const out = [`${header}.${payload}`];
  if (signature.length >= minJwtPartLength) out.push(signature);
  return out;
}

/**
 * Base64 and base64url text that can only come from the secret's bytes, at each of the three
 * byte alignments it can have inside a longer encoded string (`id:secret` in Basic auth, a
 * claim inside a JWT payload). Padding is left off so that a secret at the end of a longer
 * value matches too.
 */
function base64Fragments(bytes: Buffer): string[] {
  const fragments: string[] = [];
  for (let shift = 0; shift < 3; shift += 1) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64').replace(/=+$/, '');
    // The last character also depends on the (unknown) byte after the secret unless the
    // secret ends on a 3-byte group boundary.
    const tail = (shift + bytes.length) % 3 === 0 ? 0 : 1;
    if (shift === 0) {
      // The complete encoding (a standalone value, padded or not) and its stable part (inside
      // a longer one).
      fragments.push(bytes.toString('base64'), encoded);
      const stable = encoded.slice(0, encoded.length - tail);
      if (tail > 0 && stable.length >= minShiftedFragmentLength) fragments.push(stable);
      continue;
    }
    // With 1 or 2 unknown bytes in front, the first 2 or 3 characters depend on those bytes.
    const fragment = encoded.slice(shift === 1 ? 2 : 3, encoded.length - tail);
    if (fragment.length >= minShiftedFragmentLength) fragments.push(fragment);
  }
  const withUrlSafe = fragments.flatMap((f) => [f, f.replace(/\+/g, '-').replace(/\//g, '_')]);
  return [...new Set(withUrlSafe)];
}
