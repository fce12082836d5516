/** Below this many levels the head is written without looking inside (a hostile body nests thousands). */
const maxOpenedDepth = 500;

/**
 * The first `limit` characters of `JSON.stringify(value)` — compact, or indented by `indentUnit`
 * like `JSON.stringify(value, null, 2)` — (all of it when it is shorter), at a cost that follows
 * `limit`, not the size of the value: each member is written by `JSON.stringify` when it fits in what
 * is left of the head, and opened only when it does not — so a 10 MB body costs about what its
 * 256 KiB head does, and most of the work is native. Used where a body is recorded capped and where
 * a report shows a value's head. Never splits a surrogate pair; a value too deep for
 * `JSON.stringify` reads as a note saying so; `undefined` for a value JSON cannot write.
 */
export function jsonHead(value: unknown, limit: number, indentUnit = ''): string | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  const parts: string[] = [];
  let length = 0;
  const add = (text: string): boolean => {
    parts.push(text);
    length += text.length;
    return length < limit;
  };
  const newline = indentUnit ? '\n' : '';
  const colon = indentUnit ? ': ' : ':';
  // A member written whole, at the indentation of the line it starts on.
  const whole = (node: unknown, indent: string): string => {
    const text = stringify(node, indentUnit);
    return indent ? text.replace(/\n/g, `\n${indent}`) : text;
  };
  const walk = (node: unknown, indent: string, depth: number): boolean => {
    if (node === null || typeof node !== 'object' || depth >= maxOpenedDepth || typeof (node as { toJSON?: unknown }).toJSON === 'function' || !longerThan(node, limit - length)) return add(whole(node, indent));
    const inner = `${indent}${indentUnit}`;
    if (Array.isArray(node)) {
      if (!add('[')) return false;
      for (let i = 0; i < node.length; i += 1) if (!add(`${i > 0 ? ',' : ''}${newline}${inner}`) || !walk(node[i] ?? null, inner, depth + 1)) return false;
      return add(`${newline}${indent}]`);
    }
    const keys = Object.keys(node).filter((key) => writable((node as Record<string, unknown>)[key]));
    if (!add('{')) return false;
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i]!;
      if (!add(`${i > 0 ? ',' : ''}${newline}${inner}${JSON.stringify(key)}${colon}`) || !walk((node as Record<string, unknown>)[key], inner, depth + 1)) return false;
    }
    return add(`${newline}${indent}}`);
  };
  walk(value, '', 0);
  return textHead(parts.join(''), limit);
}

/** The first `limit` characters of `text`, without half of a surrogate pair at the cut. */
export function textHead(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const code = text.charCodeAt(limit - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}

/** Object members JSON.stringify writes (it leaves out undefined, functions and symbols). */
function writable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function stringify(value: unknown, indentUnit: string): string {
  try {
    return JSON.stringify(value, null, indentUnit) ?? 'null';
  } catch {
    return '"(too deeply nested to write)"';
  }
}

/**
 * Whether the compact JSON of `value` is longer than `limit` characters (a close estimate: strings
 * counted without escapes), walking at most about `limit` characters' worth of it, iteratively.
 */
function longerThan(value: object, limit: number): boolean {
  let length = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') length += node.length + 2;
    else if (node === null || typeof node !== 'object') length += 5;
    else if (Array.isArray(node)) {
      length += 2 + node.length;
      for (const item of node) stack.push(item);
    } else {
      length += 2;
      for (const key in node) {
        length += key.length + 4;
        if (length > limit) return true;
        stack.push((node as Record<string, unknown>)[key]);
      }
    }
    if (length > limit) return true;
  }
  return false;
}
