import type { TemplateSegment } from './types';

/**
 * One spelling for paths on both sides of a match: a leading "/", no query or fragment, no
 * trailing "/". The trailing slash is dropped because it is the step's path joined to a base URL,
 * not a different operation; whether a gateway routes `/menu/` like `/menu` is the status
 * comparison's business, not the contract's.
 */
export function normalizeOperationPath(raw: string): string {
  const bare = raw.split(/[?#]/)[0] ?? '';
  const rooted = bare.startsWith('/') ? bare : `/${bare}`;
  return rooted.length > 1 ? rooted.replace(/\/+$/, '') || '/' : rooted;
}

/** Segments of a normalized path (`/` has none). */
export function pathSegments(normalized: string): string[] {
  return normalized === '/' ? [] : normalized.slice(1).split('/');
}

/**
 * Compiles a template's segments: `order` stays literal, `{orderId}` (or `{id}.json`) becomes a
 * pattern matching one decoded, non-empty segment.
 */
export function compileTemplate(template: string): TemplateSegment[] {
  return pathSegments(template).map((text) => {
    if (!/\{[^}]*\}/.test(text)) return { type: 'literal', text: decodeSegment(text) };
    const source = text
      .split(/(\{[^}]*\})/)
      .map((part) => (/^\{[^}]*\}$/.test(part) ? '[\\s\\S]+?' : escapeRegExp(part)))
      .join('');
    return { type: 'template', pattern: new RegExp(`^${source}$`) };
  });
}

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
