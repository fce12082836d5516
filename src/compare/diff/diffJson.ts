import { formatJsonPath, type PathKey } from '../../model/jsonPath';
import type { ArrayPolicy } from '../../suite/types';
import type { DiffJson, DiffOptions, DiffResult, RawDiff } from '../types';
import { CanonicalIds, SKIPPED_ID } from './canonicalIds';
import { jsonDeepEqual } from './jsonDeepEqual';
import { jsonTypeOf } from './jsonTypeOf';
import { maxRecursiveDepth } from './maxRecursiveDepth';
import { type ArrayPairing, pairArrayElements } from './pairArrayElements';

/**
 * The differences one diff collects before it only counts the rest: every one collected gets its
 * disposition (a step then lists about 1,000 and counts the others, `listDifferences`), so the limit
 * is what keeps a body that differs everywhere from holding a finding per leaf in memory — high
 * enough that a 64 MiB body (the read cap) with 1 % of its leaves changed is examined in full.
 */
export const defaultDiffOptions = { maxDiffs: 50_000 } satisfies DiffOptions;

const strictPolicy: ArrayPolicy = { kind: 'strict' };

/**
 * A structural diff of two JSON values with concrete paths, linear in their size.
 *
 * - Objects: keys in legacy order, then candidate-only keys in candidate order. A member whose
 *   value is `undefined` counts as absent (JSON cannot hold it).
 * - Arrays follow `arrayPolicy(path)`: `strict` by index (extra length → missing/extra at the
 *   trailing indexes); `any-order` and `by-key` as `pairArrayElements` describes. Paired elements
 *   and missing ones are reported at their LEGACY index, extra ones at their CANDIDATE index.
 * - `skip(path)` is asked at every node (before missing/extra too) and prunes it. `equal(path, a, b)`
 *   is asked at every node present on both sides; `true`/`false` settles the node without
 *   descending (`false` → one `changed`, or `type` when the JSON types differ).
 *   Exact pairing in order-free arrays cannot consult `equal` (it works on canonical ids), so
 *   elements that are equal only by a matcher are paired in order, then compared with it.
 * - Hooks get a fresh copy of the path each call, so keeping it is safe.
 * - Deeper than `maxRecursiveDepth` levels, a subtree is compared as a whole (iteratively, strict,
 *   without hooks) and reported as one difference at that node: no stack overflow and no throw,
 *   however deep the document.
 */
export const diffJson: DiffJson = (legacy, candidate, options = {}) => {
  const walk = new JsonDiffWalk(options);
  walk.root(legacy, candidate);
  return walk.result();
};

class JsonDiffWalk {
  private readonly diffs: RawDiff[] = [];
  private omitted = 0;
  /** The current node's path, pushed and popped as the walk moves; copied whenever it escapes. */
  private readonly path: PathKey[] = [];
  private readonly maxDiffs: number;
  private ids: CanonicalIds | undefined;
  /**
   * Without an `equal` hook, two identical values (the same primitive, or the same object) can
   * produce no difference, so the walk passes them without visiting: most leaves of two similar
   * bodies are identical, and this keeps the per-leaf cost to one comparison.
   */
  private readonly identicalIsEqual: boolean;

  constructor(private readonly options: DiffOptions) {
    this.maxDiffs = options.maxDiffs ?? defaultDiffOptions.maxDiffs;
    this.identicalIsEqual = options.equal === undefined;
  }

  result(): DiffResult {
    return { diffs: this.diffs, omitted: this.omitted };
  }

  root(legacy: unknown, candidate: unknown): void {
    if (this.skipped()) return;
    if (legacy === undefined && candidate === undefined) return;
    if (candidate === undefined) this.report('missing', legacy, undefined);
    else if (legacy === undefined) this.report('extra', undefined, candidate);
    else this.node(legacy, candidate, 0);
  }

  /** Both sides present, path not skipped. */
  private node(legacy: unknown, candidate: unknown, depth: number): void {
    const { equal } = this.options;
    if (equal) {
      const verdict = equal(this.path.slice(), legacy, candidate);
      if (verdict !== undefined) {
        if (!verdict) this.report(jsonTypeOf(legacy) === jsonTypeOf(candidate) ? 'changed' : 'type', legacy, candidate);
        return;
      }
    }
    if (legacy === candidate) return;
    const type = jsonTypeOf(legacy);
    if (type !== jsonTypeOf(candidate)) {
      this.report('type', legacy, candidate);
    } else if (type !== 'array' && type !== 'object') {
      this.report('changed', legacy, candidate);
    } else if (depth >= maxRecursiveDepth) {
      if (!jsonDeepEqual(legacy, candidate)) this.report('changed', legacy, candidate);
    } else if (type === 'object') {
      this.objects(legacy as Record<string, unknown>, candidate as Record<string, unknown>, depth);
    } else {
      this.arrays(legacy as unknown[], candidate as unknown[], depth);
    }
  }

  private objects(legacy: Record<string, unknown>, candidate: Record<string, unknown>, depth: number): void {
    // for…in rather than Object.keys: no key array is allocated per object, which on a large body
    // is most of the walk's garbage. JSON objects have no enumerable inherited keys.
    let shared = 0;
    for (const key in legacy) {
      const ours = legacy[key];
      if (ours === undefined) continue;
      const theirs = ownMember(candidate, key);
      if (theirs !== undefined) shared += 1;
      if (ours === theirs && this.identicalIsEqual) continue;
      this.path.push(key);
      if (!this.skipped()) {
        if (theirs === undefined) this.report('missing', ours, undefined);
        else this.node(ours, theirs, depth + 1);
      }
      this.path.pop();
    }
    let present = 0;
    for (const key in candidate) if (candidate[key] !== undefined) present += 1;
    // Every candidate key was one of the legacy's: nothing extra (the common case).
    if (shared === present) return;
    for (const key in candidate) {
      const theirs = candidate[key];
      if (theirs === undefined || ownMember(legacy, key) !== undefined) continue;
      this.path.push(key);
      if (!this.skipped()) this.report('extra', undefined, theirs);
      this.path.pop();
    }
  }

  private arrays(legacy: unknown[], candidate: unknown[], depth: number): void {
    const policy = this.options.arrayPolicy?.(this.path.slice()) ?? strictPolicy;
    switch (policy.kind) {
      case 'strict':
        this.strictArrays(legacy, candidate, depth);
        return;
      case 'any-order':
      case 'by-key':
        this.pairedArrays(legacy, candidate, pairArrayElements(legacy, candidate, policy, this.elementIds(legacy, candidate, depth), this.options.keyAlias), depth);
        return;
      default: {
        const unknownPolicy: never = policy;
        throw new Error(
          `diffJson: unknown array policy ${JSON.stringify(unknownPolicy)} at ${formatJsonPath(this.path)}; expected kind "strict", "any-order" or "by-key"`,
        );
      }
    }
  }

  private strictArrays(legacy: unknown[], candidate: unknown[], depth: number): void {
    const common = Math.min(legacy.length, candidate.length);
    for (let i = 0; i < common; i += 1) {
      if (legacy[i] === candidate[i] && this.identicalIsEqual) continue;
      this.path.push(i);
      if (!this.skipped()) this.node(legacy[i], candidate[i], depth + 1);
      this.path.pop();
    }
    for (let i = common; i < legacy.length; i += 1) this.reportAt(i, 'missing', legacy[i], undefined);
    for (let i = common; i < candidate.length; i += 1) this.reportAt(i, 'extra', undefined, candidate[i]);
  }

  private pairedArrays(legacy: unknown[], candidate: unknown[], pairing: ArrayPairing, depth: number): void {
    const { partner, identical, taken } = pairing;
    for (let i = 0; i < legacy.length; i += 1) {
      const j = partner[i]!;
      if (j < 0) {
        this.reportAt(i, 'missing', legacy[i], undefined);
      } else if (!identical[i]) {
        this.path.push(i);
        if (!this.skipped()) this.node(legacy[i], candidate[j], depth + 1);
        this.path.pop();
      }
    }
    for (let j = 0; j < candidate.length; j += 1) if (!taken[j]) this.reportAt(j, 'extra', undefined, candidate[j]);
  }

  /** Canonical ids of the elements of the array at the current path, each at its own index. */
  private elementIds(legacy: readonly unknown[], candidate: readonly unknown[], depth: number) {
    const ids = (this.ids ??= new CanonicalIds(this.options, this.path));
    return (side: 'legacy' | 'candidate', index: number): number => {
      this.path.push(index);
      const id = this.skipped() ? SKIPPED_ID : ids.of(side === 'legacy' ? legacy[index] : candidate[index], depth + 1);
      this.path.pop();
      return id;
    };
  }

  private skipped(): boolean {
    return this.options.skip?.(this.path.slice()) === true;
  }

  private reportAt(index: number, kind: 'missing' | 'extra', legacy: unknown, candidate: unknown): void {
    this.path.push(index);
    if (!this.skipped()) this.report(kind, legacy, candidate);
    this.path.pop();
  }

  private report(kind: RawDiff['kind'], legacy: unknown, candidate: unknown): void {
    if (this.diffs.length >= this.maxDiffs) {
      this.omitted += 1;
      return;
    }
    const diff: RawDiff = { path: this.path.slice(), kind };
    if (kind !== 'extra') diff.legacy = legacy;
    if (kind !== 'missing') diff.candidate = candidate;
    this.diffs.push(diff);
  }
}

/**
 * `object[key]` when it is the object's own member. A parsed JSON object inherits only
 * Object.prototype's members — functions, and `__proto__` (the prototype itself) — neither of
 * which JSON can hold, so only such a value needs the slower own-property check.
 */
function ownMember(object: Record<string, unknown>, key: string): unknown {
  const value = object[key];
  if ((typeof value === 'function' || value === Object.prototype) && !Object.hasOwn(object, key)) return undefined;
  return value;
}
