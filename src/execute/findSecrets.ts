import { decodeJwt, jwtShapedRegex } from '../shared/jwtShape';
import { LiteralMatcher } from './literalMatcher';
import { hexVariants, secretForms, secretVariants } from './secretVariants';
import { wrappedBase64Blocks } from './wrappedBase64';

/**
 * Which of `secrets` occur in `text`: literally (or trimmed), base64/base64url-encoded (at any
 * byte alignment, so inside `Basic base64(id:secret)` too, and across line breaks),
 * URL-encoded, JSON-escaped, hex in any case, as a part of a registered JWT, or inside the
 * decoded header/payload of a JWT. The redaction-proof tests run this over every output.
 * Each pass scans the text once for all remaining secrets; another pass runs only when a find
 * could have hidden an overlapping one (`abc` inside a found `abc123`).
 */
export function findSecrets(text: string, secrets: string[]): string[] {
  const unique = [...new Set(secrets)].filter((secret) => secret !== '');
  const decodedJwts = text.includes('eyJ') ? (text.match(jwtShapedRegex()) ?? []).map((token) => decodeJwt(token)?.decodedText ?? '') : [];
  const unwrapped = wrappedBase64Blocks(text).map((block) => block.joined);
  const found = new Set<string>();
  for (;;) {
    const remaining = unique.filter((secret) => !found.has(secret));
    if (remaining.length === 0) break;
    const matcher = new LiteralMatcher<string>();
    const hex = new LiteralMatcher<string>({ ignoreCase: true });
    for (const secret of remaining) {
      for (const form of secretForms(secret)) {
        for (const variant of secretVariants(form)) matcher.add(variant, secret);
        for (const variant of hexVariants(form)) hex.add(variant, secret);
      }
    }
    const before = found.size;
    for (const secret of matcher.findAll(text)) found.add(secret);
    for (const secret of hex.findAll(text)) found.add(secret);
    for (const decoded of [...decodedJwts, ...unwrapped]) for (const secret of matcher.findAll(decoded)) found.add(secret);
    if (found.size === before) break;
  }
  return secrets.filter((secret, index) => found.has(secret) && secrets.indexOf(secret) === index);
}
