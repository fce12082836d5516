/** Below this many levels the head is written without looking inside (a hostile body nests thousands). */
const maxOpenedDepth = 500;

/**
 * The first `limit` characters of `JSON.stringify(value)` for a value parsed from JSON (all of it
 * when it is shorter), at a cost that follows `limit`, not the size of the value: each member is
 * written by `JSON.stringify` when it fits in what is left of the head, and opened only when it does
 * not — so a 10 MB body costs about what its 256 KiB head does, and most of the work is native.
 * Never splits a surrogate pair; a value too deep for `JSON.stringify` reads as a note saying so.
 */
export function compactJsonHead(value: unknown, limit: number): string {
  const parts: string[] = [];
  let length = 0;
  const add = (text: string): boolean => {
    parts.push(text);
    length += text.length;
    return length < limit;
  };
  const walk = (node: unknown, depth: number): boolean => {
    if (node === null || typeof node !== 'object' || depth >= maxOpenedDepth || !longerThan(node, limit - length)) return add(stringify(node));
    if (Array.isArray(node)) {
      if (!add('[')) return false;
      for (let i = 0; i < node.length; i += 1) if ((i > 0 && !add(',')) || !walk(node[i] ?? null, depth + 1)) return false;
      return add(']');
    }
    if (!add('{')) return false;
    let first = true;
    for (const key in node) {
      const item = (node as Record<string, unknown>)[key];
      if (item === undefined) continue;
      if (!add(`${first ? '' : ','}${JSON.stringify(key)}:`) || !walk(item, depth + 1)) return false;
      first = false;
    }
    return add('}');
  };
  walk(value, 0);
  const text = parts.join('');
  if (text.length <= limit) return text;
  const code = text.charCodeAt(limit - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '"(too deeply nested to write)"';
  }
}

/**
 * Whether the JSON of `value` is longer than `limit` characters (a close estimate: strings counted
 * without escapes), walking at most about `limit` characters' worth of it, iteratively.
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
