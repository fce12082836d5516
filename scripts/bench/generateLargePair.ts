import type { PathKey } from '../../src/model/jsonPath';
import type { ArrayPolicy } from '../../src/suite/types';
import type { DiffOptions, RawDiff } from '../../src/compare/types';

/**
 * A large legacy/candidate pair with a known set of differences, for the diff engine's
 * correctness test and the benchmark. Deterministic by `seed`.
 *
 * The candidate is a deep copy of the legacy document (no shared references, as after parsing two
 * bodies) whose `items` are shuffled — so they only line up under the by-key policy in `options` —
 * with `changes` differences spread over distinct items: changed scalars, a number turned string,
 * a removed field, an added field, a nested change, an array element change, removed and added
 * items. `expectedChanges` lists them exactly as `diffJson(legacy, candidate, options)` reports
 * them, in its order.
 */
export interface LargePairOptions {
  /** Approximate size of the legacy document serialised as JSON. */
  targetBytes: number;
  changes: number;
  seed: number;
}

const defaultLargePairOptions = { targetBytes: 5_000_000, changes: 300, seed: 1 } satisfies LargePairOptions;

interface LargeItem {
  id: string;
  sku: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  quantity: number | string;
  active: boolean;
  tags: string[];
  dimensions: { width: number; height: number; depth: number; unit: string };
  supplier: { id: string; name: string; country: string };
  notes?: string | null;
  discount?: number;
  updatedAt: string;
}

interface LargeDocument {
  apiVersion: string;
  page: { size: number; number: number; total: number };
  items: LargeItem[];
}

export interface LargePair {
  legacy: LargeDocument;
  candidate: LargeDocument;
  expectedChanges: RawDiff[];
  /** The options the pair is meant to be diffed with: `$.items` by key `id`, other arrays strict. */
  options: DiffOptions;
}

const itemsPolicy: ArrayPolicy = { kind: 'by-key', key: 'id' };
const strictPolicy: ArrayPolicy = { kind: 'strict' };
export const largePairDiffOptions: DiffOptions = {
  arrayPolicy: (path) => (path.length === 1 && path[0] === 'items' ? itemsPolicy : strictPolicy),
};

const words = ['amber', 'basalt', 'cedar', 'delta', 'ember', 'fjord', 'granite', 'harbor', 'indigo', 'juniper', 'kelp', 'lumen'];
const countries = ['LK', 'SE', 'US', 'DE', 'IN', 'BR', 'JP'];
const currencies = ['EUR', 'USD', 'LKR'];
const changeKinds = ['price', 'quantity-type', 'notes-missing', 'discount-extra', 'width', 'tag', 'active', 'item-removed', 'item-added'] as const;
type ChangeKind = (typeof changeKinds)[number];

export function generateLargePair(options: Partial<LargePairOptions> = {}): LargePair {
  const { targetBytes, changes, seed } = { ...defaultLargePairOptions, ...options };
  const random = mulberry32(seed);
  const items: LargeItem[] = [];
  for (let bytes = 64; bytes < targetBytes; ) {
    const item = makeItem(random, `item-${String(items.length).padStart(6, '0')}`);
    items.push(item);
    bytes += JSON.stringify(item).length + 1;
  }
  const legacy: LargeDocument = { apiVersion: 'v1', page: { size: items.length, number: 1, total: items.length }, items };
  const candidate = structuredClone(legacy);

  const plan = Array.from({ length: changes }, (_, c) => changeKinds[c % changeKinds.length]!);
  const touched = pickDistinct(random, items.length, plan.filter((kind) => kind !== 'item-added').length);
  const removed = new Set<LargeItem>();
  const additions: LargeItem[] = [];
  const perItem: Array<{ legacyIndex: number; diff: RawDiff }> = [];
  let nextTouched = 0;
  for (const kind of plan) {
    if (kind === 'item-added') {
      additions.push(makeItem(random, `item-new-${String(additions.length).padStart(6, '0')}`));
      continue;
    }
    const legacyIndex = touched[nextTouched++]!;
    const diff = applyChange(kind, legacyIndex, items[legacyIndex]!, candidate.items[legacyIndex]!, removed);
    perItem.push({ legacyIndex, diff });
  }
  candidate.items = shuffle(random, [...candidate.items.filter((item) => !removed.has(item)), ...additions]);

  const candidateIndex = new Map(candidate.items.map((item, index) => [item, index]));
  const extras: RawDiff[] = additions
    .map((item): RawDiff => ({ path: ['items', candidateIndex.get(item)!], kind: 'extra', candidate: item }))
    .sort((a, b) => (a.path[1] as number) - (b.path[1] as number));
  perItem.sort((a, b) => a.legacyIndex - b.legacyIndex);
  return { legacy, candidate, expectedChanges: [...perItem.map((entry) => entry.diff), ...extras], options: largePairDiffOptions };
}

/** Mutates the candidate copy of one item and returns the difference it makes. */
function applyChange(kind: Exclude<ChangeKind, 'item-added'>, index: number, ours: LargeItem, theirs: LargeItem, removed: Set<LargeItem>): RawDiff {
  const at = (...rest: PathKey[]): PathKey[] => ['items', index, ...rest];
  switch (kind) {
    case 'price':
      theirs.price = Math.round((ours.price + 1) * 100) / 100;
      return { path: at('price'), kind: 'changed', legacy: ours.price, candidate: theirs.price };
    case 'quantity-type':
      theirs.quantity = String(ours.quantity);
      return { path: at('quantity'), kind: 'type', legacy: ours.quantity, candidate: theirs.quantity };
    case 'notes-missing':
      delete theirs.notes;
      return { path: at('notes'), kind: 'missing', legacy: ours.notes };
    case 'discount-extra':
      theirs.discount = 0.15;
      return { path: at('discount'), kind: 'extra', candidate: 0.15 };
    case 'width':
      theirs.dimensions.width = ours.dimensions.width + 1;
      return { path: at('dimensions', 'width'), kind: 'changed', legacy: ours.dimensions.width, candidate: theirs.dimensions.width };
    case 'tag':
      theirs.tags[0] = `${ours.tags[0]}-renamed`;
      return { path: at('tags', 0), kind: 'changed', legacy: ours.tags[0], candidate: theirs.tags[0] };
    case 'active':
      theirs.active = !ours.active;
      return { path: at('active'), kind: 'changed', legacy: ours.active, candidate: theirs.active };
    case 'item-removed':
      removed.add(theirs);
      return { path: at(), kind: 'missing', legacy: ours };
    default: {
      const unknownKind: never = kind;
      throw new Error(`generateLargePair: unknown change kind ${String(unknownKind)}`);
    }
  }
}

function makeItem(random: () => number, id: string): LargeItem {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const int = (max: number): number => Math.floor(random() * max);
  return {
    id,
    sku: `SKU-${int(0xffffffff).toString(16).padStart(8, '0')}`,
    name: `${pick(words)} ${pick(words)}`,
    description: Array.from({ length: 3 + int(4) }, () => pick(words)).join(' '),
    price: int(100_000) / 100,
    currency: pick(currencies),
    quantity: int(500),
    active: random() < 0.8,
    tags: Array.from({ length: 1 + int(3) }, () => pick(words)),
    dimensions: { width: int(200), height: int(200), depth: int(200), unit: 'cm' },
    supplier: { id: `sup-${int(5000)}`, name: `${pick(words)} supplies`, country: pick(countries) },
    notes: random() < 0.5 ? null : `${pick(words)} ${pick(words)} batch ${int(100)}`,
    updatedAt: new Date(Date.UTC(2024, 0, 1) + int(31_536_000) * 1000).toISOString(),
  };
}

/** `count` distinct integers below `limit`, in random order (partial Fisher–Yates). */
function pickDistinct(random: () => number, limit: number, count: number): number[] {
  if (count > limit) {
    throw new RangeError(`generateLargePair: ${count} item changes do not fit in ${limit} items; raise targetBytes or lower changes`);
  }
  const pool = Array.from({ length: limit }, (_, i) => i);
  for (let i = 0; i < count; i += 1) {
    const j = i + Math.floor(random() * (limit - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

function shuffle<T>(random: () => number, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/** A small, fast, seedable PRNG (Mulberry32): the same seed gives the same pair everywhere. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
