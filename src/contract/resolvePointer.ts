import { isRecord } from '../model/jsonPath';

/**
 * Resolves a local reference (`#/components/schemas/Order`) in `root`; undefined when nothing is
 * there. Segments are JSON-pointer escaped (`~1` is "/", `~0` is "~") and may be percent-encoded
 * (`#/paths/~1order~1%7BorderId%7D`), as RFC 6901 allows inside a URI fragment.
 */
export function resolvePointer(root: unknown, ref: string): unknown {
  if (ref === '#' || ref === '#/') return root;
  if (!ref.startsWith('#/')) return undefined;
  let current = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeSegment(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^\d+$/.test(key)) current = current[Number(key)];
    else if (isRecord(current) && Object.prototype.hasOwnProperty.call(current, key)) current = current[key];
    else return undefined;
  }
  return current;
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Follows `{ $ref }` objects (response and path-item references) until a real object; throws
 * when a reference loops or points nowhere (the load-time check has ruled both out for
 * documents that loaded, so this is a guard, not a user-facing path).
 */
export function dereference(root: unknown, value: unknown): unknown {
  let current = value;
  const seen = new Set<string>();
  while (isRecord(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`$ref loop through ${ref}`);
    seen.add(ref);
    const target = resolvePointer(root, ref);
    if (target === undefined) throw new Error(`$ref ${ref} points nowhere`);
    current = target;
  }
  return current;
}
