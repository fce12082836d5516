import type { PathKey } from '../../model/jsonPath';
import type { DiffOptions } from '../types';
import { maxRecursiveDepth } from './maxRecursiveDepth';

const NULL_ID = 0;
const FALSE_ID = 1;
const TRUE_ID = 2;
const UNDEFINED_ID = 3;
/** Stands for an array element or member the `skip` hook prunes: it matches any other pruned one. */
export const SKIPPED_ID = 4;
const FIRST_FREE_ID = 5;

/** Above this many keys an object's entries are sorted by `Array#sort` rather than by insertion. */
const insertionSortLimit = 24;

/**
 * Canonical ids by hash-consing: two values get the same integer id exactly when they are equal
 * as the diff would see them — objects regardless of key order; arrays in order, unless their
 * policy pairs elements regardless of order (`any-order`, `by-key`), then as a multiset; subtrees
 * the `skip` hook prunes left out. Exact, not probabilistic: ids are interned, never hashed.
 *
 * Computed once per node, bottom-up: a container's id is interned from a short "shape" string of
 * its children's ids (key-sorted for objects), never from its serialised subtree, so work and
 * memory stay linear in the document and no subtree is serialised twice. Ids of elements of
 * order-free arrays are remembered, because a nested pairing asks for exactly those again.
 *
 * The hooks see the same concrete paths the diff walk uses: `path` is the walk's own stack,
 * positioned at the value being identified.
 */
export class CanonicalIds {
  private readonly strings = new Map<string, number>();
  private readonly numbers = new Map<number, number>();
  private readonly shapes = new Map<string, number>();
  private readonly memo = new Map<object, number>();
  private next = FIRST_FREE_ID;

  constructor(
    private readonly options: Pick<DiffOptions, 'skip' | 'arrayPolicy'>,
    private readonly path: PathKey[],
  ) {}

  /** The id of `value`, which sits at the current path, `depth` levels below the document root. */
  of(value: unknown, depth: number): number {
    if (value === null) return NULL_ID;
    switch (typeof value) {
      case 'string':
        return this.intern(this.strings, value);
      case 'number':
        // Map keys compare by SameValueZero, like ===: 0 and -0 share an id.
        return this.intern(this.numbers, value);
      case 'boolean':
        return value ? TRUE_ID : FALSE_ID;
      case 'undefined':
        return UNDEFINED_ID;
      case 'object':
        break;
      default:
        // Not JSON (bigint, function, symbol): equal to nothing, so never paired as identical.
        return this.next++;
    }
    const known = this.memo.get(value);
    if (known !== undefined) return known;
    // Too deep to identify by recursion: a fresh id, so it is paired by position and then diffed.
    if (depth >= maxRecursiveDepth) return this.next++;
    const shape = Array.isArray(value) ? this.arrayShape(value, depth) : this.objectShape(value as Record<string, unknown>, depth);
    return this.intern(this.shapes, shape);
  }

  private arrayShape(array: readonly unknown[], depth: number): string {
    const { skip, arrayPolicy } = this.options;
    const unordered = arrayPolicy !== undefined && arrayPolicy(this.path.slice()).kind !== 'strict';
    const ids = new Array<number>(array.length);
    for (let i = 0; i < array.length; i += 1) {
      const element = array[i];
      this.path.push(i);
      const id = skip?.(this.path.slice()) ? SKIPPED_ID : this.of(element, depth + 1);
      this.path.pop();
      if (unordered && typeof element === 'object' && element !== null) this.memo.set(element, id);
      ids[i] = id;
    }
    if (unordered) ids.sort((a, b) => a - b);
    return (unordered ? 'm' : 'a') + ids.join(',');
  }

  private objectShape(object: Record<string, unknown>, depth: number): string {
    const { skip } = this.options;
    const keyIds: number[] = [];
    const valueIds: number[] = [];
    for (const key of Object.keys(object)) {
      const value = object[key];
      if (value === undefined) continue;
      this.path.push(key);
      if (!skip?.(this.path.slice())) {
        keyIds.push(this.intern(this.strings, key));
        valueIds.push(this.of(value, depth + 1));
      }
      this.path.pop();
    }
    let shape = 'o';
    for (const i of sortedOrder(keyIds)) shape += `${keyIds[i]}:${valueIds[i]},`;
    return shape;
  }

  private intern<K>(table: Map<K, number>, key: K): number {
    let id = table.get(key);
    if (id === undefined) {
      id = this.next++;
      table.set(key, id);
    }
    return id;
  }
}

/** Indexes of `keys` in ascending key-id order: the canonical entry order of an object. */
function sortedOrder(keys: readonly number[]): number[] {
  const order = keys.map((_, i) => i);
  if (keys.length > insertionSortLimit) return order.sort((a, b) => keys[a]! - keys[b]!);
  // Objects are small and usually arrive in the same key order, so this is near-linear.
  for (let i = 1; i < order.length; i += 1) {
    const current = order[i]!;
    let j = i - 1;
    while (j >= 0 && keys[order[j]!]! > keys[current]!) {
      order[j + 1] = order[j]!;
      j -= 1;
    }
    order[j + 1] = current;
  }
  return order;
}
