import { isRecord } from '../../model/jsonPath';
import type { ArrayPolicy } from '../../suite/types';

/**
 * Which candidate element each legacy element is compared with, for the order-free policies.
 * Exact-equal elements (same canonical id) are paired first, so a reordered array shows no
 * difference at all; what is left is paired in order and diffed; the rest is missing or extra.
 */
export interface ArrayPairing {
  /** `partner[i]`: the candidate index paired with legacy index `i`, or -1 (missing). */
  partner: Int32Array;
  /** 1 where the pair is already known equal, so the walk need not descend into it. */
  identical: Uint8Array;
  /** 1 for every candidate index that has a partner; the others are extra. */
  taken: Uint8Array;
}

/** The canonical id of one element (see `CanonicalIds`), computed at its own path on its own side. */
export type ElementId = (side: 'legacy' | 'candidate', index: number) => number;

type OrderFree = Exclude<ArrayPolicy, { kind: 'strict' }>;
type KeyValue = string | number | boolean | null;

export function pairArrayElements(
  legacy: readonly unknown[],
  candidate: readonly unknown[],
  policy: OrderFree,
  elementId: ElementId,
  keyAlias?: (candidateKey: unknown) => KeyValue | undefined,
): ArrayPairing {
  const pairing: ArrayPairing = {
    partner: new Int32Array(legacy.length).fill(-1),
    identical: new Uint8Array(legacy.length),
    taken: new Uint8Array(candidate.length),
  };
  if (policy.kind === 'any-order') {
    pairMultiset(indexes(legacy.length), indexes(candidate.length), elementId, pairing);
  } else {
    pairByKey(legacy, candidate, policy.key, elementId, pairing, keyAlias);
  }
  return pairing;
}

/**
 * by-key: elements are grouped by the value of their `key` field (a string, number, boolean or
 * null; `1` and `"1"` are different keys). A key present once on each side pairs those two
 * elements. A key repeated on either side, and the elements with no usable key (not an object,
 * field absent, or an object/array value), are each paired as a multiset within their group —
 * exactly like any-order — so identical duplicates cause no difference, and a duplicate the other
 * side lacks shows up as missing or extra at its own index.
 */
function pairByKey(
  legacy: readonly unknown[],
  candidate: readonly unknown[],
  key: string,
  elementId: ElementId,
  pairing: ArrayPairing,
  keyAlias?: (candidateKey: unknown) => KeyValue | undefined,
): void {
  const ours = groupByKey(legacy, key);
  // A candidate element keyed by the candidate's own id (an alias pair) pairs with the legacy's element of the legacy id.
  const theirs = groupByKey(candidate, key, keyAlias);
  for (const [value, first] of ours.first) {
    const match = theirs.first.get(value);
    if (match === undefined) continue;
    const ourMore = ours.more.size === 0 ? undefined : ours.more.get(value);
    const theirMore = theirs.more.size === 0 ? undefined : theirs.more.get(value);
    if (ourMore === undefined && theirMore === undefined) {
      pairing.partner[first] = match;
      pairing.taken[match] = 1;
    } else {
      pairMultiset([first, ...(ourMore ?? [])], [match, ...(theirMore ?? [])], elementId, pairing);
    }
  }
  pairMultiset(ours.keyless, theirs.keyless, elementId, pairing);
}

interface KeyGroups {
  /** Key value → index of its first element. */
  first: Map<KeyValue, number>;
  /** Key value → indexes of its second, third, … elements (only for repeated keys). */
  more: Map<KeyValue, number[]>;
  /** Elements with no usable key, ascending. */
  keyless: number[];
}

function groupByKey(array: readonly unknown[], key: string, keyAlias?: (value: unknown) => KeyValue | undefined): KeyGroups {
  // Only a key Object.prototype also has ("constructor", …) needs the slower own-property check.
  const inherited = key in Object.prototype;
  const own = (element: unknown): unknown => (isRecord(element) && (!inherited || Object.hasOwn(element, key)) ? element[key] : undefined);
  const keyOf = keyAlias ? (element: unknown): unknown => { const value = own(element); return keyAlias(value) ?? value; } : own;
  const first = new Map<KeyValue, number>();
  const keyless: number[] = [];
  // One Map operation per element: walking backwards, the last write for a key is its first index.
  for (let i = array.length - 1; i >= 0; i -= 1) {
    const value = keyOf(array[i]);
    if (isKeyValue(value)) first.set(value, i);
    else keyless.push(i);
  }
  keyless.reverse();
  const groups: KeyGroups = { first, more: new Map(), keyless };
  if (first.size + keyless.length === array.length) return groups;
  for (let i = 0; i < array.length; i += 1) {
    const value = keyOf(array[i]);
    if (!isKeyValue(value) || first.get(value) === i) continue;
    const more = groups.more.get(value);
    if (more) more.push(i);
    else groups.more.set(value, [i]);
  }
  return groups;
}

function isKeyValue(value: unknown): value is KeyValue {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * Multiset pairing of two index lists (each ascending): identical elements pair first, each
 * legacy element taking the lowest-indexed unpaired identical candidate; the leftovers pair in
 * order (the first leftover legacy element with the first leftover candidate, …). Linear: one
 * Map lookup per element.
 */
function pairMultiset(legacy: readonly number[], candidate: readonly number[], elementId: ElementId, pairing: ArrayPairing): void {
  if (legacy.length === 0 || candidate.length === 0) return;
  // Candidate indexes by id, highest first, so `pop()` hands out the lowest.
  const waiting = new Map<number, number[]>();
  for (let n = candidate.length - 1; n >= 0; n -= 1) {
    const j = candidate[n]!;
    const id = elementId('candidate', j);
    const queue = waiting.get(id);
    if (queue) queue.push(j);
    else waiting.set(id, [j]);
  }
  const leftover: number[] = [];
  for (const i of legacy) {
    const j = waiting.get(elementId('legacy', i))?.pop();
    if (j === undefined) {
      leftover.push(i);
    } else {
      pairing.partner[i] = j;
      pairing.identical[i] = 1;
      pairing.taken[j] = 1;
    }
  }
  let next = 0;
  for (const j of candidate) {
    if (next === leftover.length) break;
    if (pairing.taken[j]) continue;
    const i = leftover[next++]!;
    pairing.partner[i] = j;
    pairing.taken[j] = 1;
  }
}

function indexes(length: number): number[] {
  return Array.from({ length }, (_, i) => i);
}
