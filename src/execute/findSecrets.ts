import { decodeJwt, jwtShapedRegex } from './jwtShape';
import { LiteralMatcher } from './literalMatcher';
import { secretVariants } from './secretVariants';

/**
 * Which of `secrets` occur in `text`: literally, base64/base64url-encoded (at any byte
 * alignment, so inside `Basic base64(id:secret)` too), URL-encoded, JSON-escaped, or inside the
 * decoded header/payload of a JWT. The redaction-proof test runs this over every report file.
 * Each pass scans the text once for all remaining secrets; another pass runs only when a find
 * could have hidden an overlapping one (`abc` inside a found `abc123`).
 */
export function findSecrets(text: string, secrets: string[]): string[] {
  const unique = [...new Set(secrets)].filter((secret) => secret !== '');
  const decodedJwts = text.includes('eyJ') ? (text.match(jwtShapedRegex()) ?? []).map((token) => decodeJwt(token)?.decodedText ?? '') : [];
  const found = new Set<string>();
  for (;;) {
    const remaining = unique.filter((secret) => !found.has(secret));
    if (remaining.length === 0) break;
    const matcher = new LiteralMatcher<string>();
    for (const secret of remaining) for (const variant of secretVariants(secret)) matcher.add(variant, secret);
    const before = found.size;
    for (const secret of matcher.findAll(text)) found.add(secret);
    for (const decoded of decodedJwts) for (const secret of matcher.findAll(decoded)) found.add(secret);
    if (found.size === before) break;
  }
  return secrets.filter((secret, index) => found.has(secret) && secrets.indexOf(secret) === index);
}
