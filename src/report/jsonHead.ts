/**
 * The first `limit` characters (or a few more) of `JSON.stringify(value)` — compact, or indented
 * by `indentUnit` like `JSON.stringify(value, null, 2)` — without serialising the rest: a
 * difference at `$` or a body shown in a report can hold 10 MiB, and the report needs only its
 * head. Long strings are cut too. `undefined` for a value JSON cannot write (as JSON.stringify).
 */
export function jsonHead(value: unknown, limit: number, indentUnit = ''): string | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  const parts: string[] = [];
  let length = 0;
  const push = (text: string): boolean => {
    parts.push(text);
    length += text.length;
    return length < limit;
  };
  const newline = indentUnit ? '\n' : '';
  const colon = indentUnit ? ': ' : ':';
  const scalar = (v: unknown): string => {
    const room = Math.max(0, limit - length);
    return typeof v === 'string' && v.length > room ? JSON.stringify(v.slice(0, room)) : (JSON.stringify(v) ?? 'null');
  };
  const walk = (v: unknown, indent: string): boolean => {
    if (v === null || typeof v !== 'object') return push(scalar(v));
    if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return push(JSON.stringify(v) ?? 'null');
    const inner = `${indent}${indentUnit}`;
    if (Array.isArray(v)) {
      if (v.length === 0) return push('[]');
      if (!push('[')) return false;
      for (let i = 0; i < v.length; i += 1) if (!push(`${i > 0 ? ',' : ''}${newline}${inner}`) || !walk(v[i] === undefined ? null : v[i], inner)) return false;
      return push(`${newline}${indent}]`);
    }
    const entries = Object.entries(v).filter(([, item]) => item !== undefined && typeof item !== 'function');
    if (entries.length === 0) return push('{}');
    if (!push('{')) return false;
    for (let i = 0; i < entries.length; i += 1) {
      const [k, item] = entries[i]!;
      if (!push(`${i > 0 ? ',' : ''}${newline}${inner}${JSON.stringify(k)}${colon}`) || !walk(item, inner)) return false;
    }
    return push(`${newline}${indent}}`);
  };
  try {
    walk(value, '');
  } catch {
    return '(too deeply nested to show; see results.json)';
  }
  return parts.join('');
}
