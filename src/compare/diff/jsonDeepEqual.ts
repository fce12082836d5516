import { jsonTypeOf } from './jsonTypeOf';

/**
 * Strict structural equality (arrays by index, objects by key, undefined members absent),
 * without recursion: the diff engine falls back to it below its recursion limit, where a
 * document could be nested deeper than the call stack allows.
 */
export function jsonDeepEqual(legacy: unknown, candidate: unknown): boolean {
  const stack: Array<[unknown, unknown]> = [[legacy, candidate]];
  for (let pair = stack.pop(); pair !== undefined; pair = stack.pop()) {
    const [a, b] = pair;
    if (a === b) continue;
    const type = jsonTypeOf(a);
    if (type !== jsonTypeOf(b)) return false;
    if (type === 'array') {
      const x = a as unknown[];
      const y = b as unknown[];
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i += 1) stack.push([x[i], y[i]]);
    } else if (type === 'object') {
      const x = a as Record<string, unknown>;
      const y = b as Record<string, unknown>;
      const xKeys = Object.keys(x).filter((key) => x[key] !== undefined);
      const yCount = Object.keys(y).filter((key) => y[key] !== undefined).length;
      if (xKeys.length !== yCount) return false;
      for (const key of xKeys) {
        if (!Object.hasOwn(y, key)) return false;
        stack.push([x[key], y[key]]);
      }
    } else {
      return false;
    }
  }
  return true;
}
