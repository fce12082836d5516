/**
 * The small JSONPath subset the harness speaks everywhere (captures, rules, difference paths):
 *   $            the root
 *   .name        a key            ["odd key"]  a quoted key
 *   [3]          an index          [*] or .*    any key or index
 *   ..name       `name` at any depth below
 * Concrete paths (what a diff reports) use only keys and indexes and print as `$.items[2].price`.
 */
export type PathKey = string | number;

export type PathSegment =
  | { type: 'key'; key: string }
  | { type: 'index'; index: number }
  | { type: 'wildcard' }
  | { type: 'descend' };

export class JsonPathSyntaxError extends Error {
  override name = 'JsonPathSyntaxError' as const;
}

const identifier = /^[A-Za-z_$][\w$-]*/;

/** Parses a path expression; throws `JsonPathSyntaxError` with the offending position. */
export function parseJsonPath(expression: string): PathSegment[] {
  const text = expression.trim();
  if (!text.startsWith('$')) throw new JsonPathSyntaxError(`JSON path "${expression}" must start with "$"`);
  const segments: PathSegment[] = [];
  let i = 1;
  while (i < text.length) {
    const rest = text.slice(i);
    if (rest.startsWith('..')) {
      segments.push({ type: 'descend' });
      i += 2;
      if (text[i] === '[') continue;
      i += readDotted(text, i, segments, expression);
    } else if (rest.startsWith('.')) {
      i += 1;
      i += readDotted(text, i, segments, expression);
    } else if (rest.startsWith('[')) {
      const close = findClose(text, i, expression);
      const inner = text.slice(i + 1, close).trim();
      if (inner === '*') segments.push({ type: 'wildcard' });
      else if (/^\d+$/.test(inner)) segments.push({ type: 'index', index: Number(inner) });
      else if (/^(['"]).*\1$/.test(inner)) segments.push({ type: 'key', key: inner.slice(1, -1) });
      else throw new JsonPathSyntaxError(`JSON path "${expression}": cannot read "[${inner}]" at position ${i}`);
      i = close + 1;
    } else {
      throw new JsonPathSyntaxError(`JSON path "${expression}": unexpected "${text[i]}" at position ${i}`);
    }
  }
  return segments;
}

function readDotted(text: string, start: number, segments: PathSegment[], expression: string): number {
  if (text[start] === '*') {
    segments.push({ type: 'wildcard' });
    return 1;
  }
  const match = identifier.exec(text.slice(start));
  if (!match) throw new JsonPathSyntaxError(`JSON path "${expression}": expected a key name at position ${start}`);
  segments.push({ type: 'key', key: match[0] });
  return match[0].length;
}

function findClose(text: string, open: number, expression: string): number {
  let quote: string | undefined;
  for (let j = open + 1; j < text.length; j += 1) {
    const ch = text[j];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ']') return j;
  }
  throw new JsonPathSyntaxError(`JSON path "${expression}": "[" at position ${open} is never closed`);
}

/** Prints a concrete path: `$.items[2]["odd key"]`. */
export function formatJsonPath(path: readonly PathKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** `$.items[12].price` → `$.items[*].price`: one pattern for every element of an array; other paths as they are. */
export function pathPattern(path: string): string {
  return path.replace(/\[\d+\]/g, '[*]');
}

/** All values the expression selects in `root` (empty when none). */
export function evaluateJsonPath(expression: string | PathSegment[], root: unknown): unknown[] {
  const segments = typeof expression === 'string' ? parseJsonPath(expression) : expression;
  let current: unknown[] = [root];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const value of current) collect(segment, value, next);
    current = next;
  }
  return current;
}

function collect(segment: PathSegment, value: unknown, out: unknown[]): void {
  switch (segment.type) {
    case 'key':
      if (isRecord(value) && Object.prototype.hasOwnProperty.call(value, segment.key)) out.push(value[segment.key]);
      return;
    case 'index':
      if (Array.isArray(value) && segment.index < value.length) out.push(value[segment.index]);
      return;
    case 'wildcard':
      if (Array.isArray(value)) out.push(...value);
      else if (isRecord(value)) out.push(...Object.values(value));
      return;
    case 'descend':
      descendAll(value, out);
      return;
    default: {
      const never: never = segment;
      throw new Error(`unknown path segment ${JSON.stringify(never)}`);
    }
  }
}

function descendAll(value: unknown, out: unknown[]): void {
  out.push(value);
  if (Array.isArray(value)) for (const item of value) descendAll(item, out);
  else if (isRecord(value)) for (const item of Object.values(value)) descendAll(item, out);
}

/**
 * Does a concrete path (from a diff) fall under a pattern? A pattern also matches everything
 * below what it names: ignoring `$.items` ignores `$.items[0].price`.
 */
export function jsonPathMatches(pattern: readonly PathSegment[], path: readonly PathKey[]): boolean {
  return matchFrom(pattern, 0, path, 0, true);
}

/** Exact match only (no "everything below"): for per-node policies such as array ordering. */
export function jsonPathMatchesExactly(pattern: readonly PathSegment[], path: readonly PathKey[]): boolean {
  return matchFrom(pattern, 0, path, 0, false);
}

function matchFrom(pattern: readonly PathSegment[], p: number, path: readonly PathKey[], k: number, prefix: boolean): boolean {
  if (p === pattern.length) return prefix || k === path.length;
  const segment = pattern[p]!;
  if (segment.type === 'descend') {
    for (let start = k; start <= path.length; start += 1) if (matchFrom(pattern, p + 1, path, start, prefix)) return true;
    return false;
  }
  if (k === path.length) return false;
  const key = path[k]!;
  const ok =
    segment.type === 'wildcard' ||
    (segment.type === 'key' && key === segment.key) ||
    (segment.type === 'index' && key === segment.index);
  return ok && matchFrom(pattern, p + 1, path, k + 1, prefix);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
