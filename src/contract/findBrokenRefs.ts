import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import { resolvePointer } from './resolvePointer';

export interface BrokenRef {
  ref: string;
  problem: 'external' | 'dangling';
  /** Keys from the document root to the object holding the `$ref`. */
  at: (string | number)[];
  line?: number;
  column?: number;
}

/**
 * Every `$ref` that cannot be followed inside this one document: references into other files
 * or URLs (the validator resolves local references only), and local ones whose target does not
 * exist. Walks the YAML tree rather than the data so each finding has a line number.
 *
 * Example values (`example`, `examples.*.value`) and extensions (`x-…`) are data, not
 * references, and are skipped: a `$ref` key inside them means nothing.
 */
export function findBrokenRefs(node: Node | null, root: unknown, lineCounter: LineCounter): BrokenRef[] {
  const found: BrokenRef[] = [];
  walk(node, [], root, lineCounter, found);
  return found;
}

function walk(node: unknown, at: (string | number)[], root: unknown, lineCounter: LineCounter, found: BrokenRef[]): void {
  if (isAlias(node) || isScalar(node)) return;
  if (isSeq(node)) {
    node.items.forEach((item, index) => walk(item, [...at, index], root, lineCounter, found));
    return;
  }
  if (!isMap(node)) return;
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (isDataKey(key, at)) continue;
    if (key === '$ref' && isScalar(pair.value) && typeof pair.value.value === 'string') {
      const ref = pair.value.value;
      const problem = !ref.startsWith('#') ? 'external' : resolvePointer(root, ref) === undefined ? 'dangling' : undefined;
      if (problem) {
        const offset = pair.value.range?.[0];
        const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
        found.push({ ref, problem, at, line: pos?.line, column: pos?.col });
      }
      continue;
    }
    walk(pair.value, [...at, key], root, lineCounter, found);
  }
}

function isDataKey(key: string, at: readonly (string | number)[]): boolean {
  // Under `properties` a key is a property name: a property may well be called `example`.
  if (at[at.length - 1] === 'properties') return false;
  if (key === 'example' || key.startsWith('x-')) return true;
  return key === 'value' && at.length >= 2 && at[at.length - 2] === 'examples';
}
