import type { PathKey } from '../../../src/model/jsonPath';
import { formatJsonPath } from '../../../src/model/jsonPath';
import type { ArrayPolicy } from '../../../src/suite/types';
import type { DiffOptions, RawDiff } from '../../../src/compare/types';
import { defaultDiffOptions, diffJson } from '../../../src/compare/diff/diffJson';
import { maxRecursiveDepth } from '../../../src/compare/diff/maxRecursiveDepth';

/** Diffs as `kind path` lines: compact, and a failing test shows exactly what differed. */
const summary = (diffs: readonly RawDiff[]): string[] => diffs.map((diff) => `${diff.kind} ${formatJsonPath(diff.path)}`);
const policyAt = (at: string, policy: ArrayPolicy): DiffOptions['arrayPolicy'] => (path) =>
  formatJsonPath(path) === at ? policy : { kind: 'strict' };

describe('diffJson', () => {
  describe('kinds', () => {
    it('reports no difference for equal documents whatever their key order', () => {
      expect(diffJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toEqual({ diffs: [], omitted: 0 });
    });

    it('reports a same-type value change as changed, with both values', () => {
      expect(diffJson({ status: 'ok' }, { status: 'OK' }).diffs).toEqual([{ path: ['status'], kind: 'changed', legacy: 'ok', candidate: 'OK' }]);
    });

    it('reports a JSON type change (number vs string, null vs object, array vs object) as type', () => {
      const { diffs } = diffJson({ id: 1, owner: null, tags: [] }, { id: '1', owner: {}, tags: {} });
      expect(diffs).toEqual([
        { path: ['id'], kind: 'type', legacy: 1, candidate: '1' },
        { path: ['owner'], kind: 'type', legacy: null, candidate: {} },
        { path: ['tags'], kind: 'type', legacy: [], candidate: {} },
      ]);
    });

    it('reports a key only the legacy has as missing and one only the candidate has as extra', () => {
      const { diffs } = diffJson({ keep: 1, gone: { x: 1 } }, { keep: 1, added: true });
      expect(diffs).toEqual([
        { path: ['gone'], kind: 'missing', legacy: { x: 1 } },
        { path: ['added'], kind: 'extra', candidate: true },
      ]);
      expect(diffs[0]).not.toHaveProperty('candidate');
      expect(diffs[1]).not.toHaveProperty('legacy');
    });

    it('reports differing roots at $ and a missing or extra root body', () => {
      expect(summary(diffJson(1, 2).diffs)).toEqual(['changed $']);
      expect(summary(diffJson({ a: 1 }, undefined).diffs)).toEqual(['missing $']);
      expect(summary(diffJson(undefined, [1]).diffs)).toEqual(['extra $']);
    });

    it('treats a member whose value is undefined as absent, as JSON would', () => {
      expect(diffJson({ a: 1, b: undefined }, { a: 1 }).diffs).toEqual([]);
      expect(summary(diffJson({ a: undefined }, { a: 2 }).diffs)).toEqual(['extra $.a']);
    });

    it('does not mistake keys Object.prototype has (constructor, toString, __proto__) for present members', () => {
      const legacy = JSON.parse('{"constructor": 1, "__proto__": {"x": 1}}') as unknown;
      expect(summary(diffJson(legacy, {}).diffs)).toEqual(['missing $.constructor', 'missing $.__proto__']);
      expect(summary(diffJson({}, { toString: 'x' }).diffs)).toEqual(['extra $.toString']);
    });
  });

  it('reports concrete nested paths through objects and arrays', () => {
    const legacy = { data: { orders: [{ lines: [{ sku: 'A', qty: 1 }] }, { lines: [] }] } };
    const candidate = { data: { orders: [{ lines: [{ sku: 'A', qty: 2 }] }, { lines: [] }] } };
    expect(diffJson(legacy, candidate).diffs).toEqual([
      { path: ['data', 'orders', 0, 'lines', 0, 'qty'], kind: 'changed', legacy: 1, candidate: 2 },
    ]);
  });

  describe('strict arrays', () => {
    it('compares by index and reports trailing elements as missing or extra at their index', () => {
      expect(summary(diffJson([1, 2, 3], [1, 9]).diffs)).toEqual(['changed $[1]', 'missing $[2]']);
      expect(diffJson(['a'], ['a', 'b', 'c']).diffs).toEqual([
        { path: [1], kind: 'extra', candidate: 'b' },
        { path: [2], kind: 'extra', candidate: 'c' },
      ]);
    });

    it('is the default, so a reordered array differs at every moved index', () => {
      expect(summary(diffJson([1, 2], [2, 1]).diffs)).toEqual(['changed $[0]', 'changed $[1]']);
    });
  });

  describe('any-order arrays', () => {
    const anyOrder: DiffOptions = { arrayPolicy: policyAt('$.items', { kind: 'any-order' }) };

    it('finds no difference in a permutation, objects included', () => {
      const legacy = { items: [{ a: 1, b: 2 }, 'x', [1, 2], null] };
      const candidate = { items: [null, [1, 2], { b: 2, a: 1 }, 'x'] };
      expect(diffJson(legacy, candidate, anyOrder).diffs).toEqual([]);
    });

    it('matches duplicates as a multiset: one copy fewer is one missing element, at its legacy index', () => {
      expect(diffJson({ items: ['a', 'b', 'a', 'a'] }, { items: ['a', 'a', 'b'] }, anyOrder).diffs).toEqual([
        { path: ['items', 3], kind: 'missing', legacy: 'a' },
      ]);
      expect(diffJson({ items: ['a', 'b'] }, { items: ['b', 'a', 'b'] }, anyOrder).diffs).toEqual([
        { path: ['items', 2], kind: 'extra', candidate: 'b' },
      ]);
    });

    it('pairs leftovers in order and diffs them at the legacy index', () => {
      const legacy = { items: [{ id: 1, v: 'same' }, { id: 2, v: 'old' }] };
      const candidate = { items: [{ id: 2, v: 'new' }, { id: 1, v: 'same' }] };
      expect(diffJson(legacy, candidate, anyOrder).diffs).toEqual([{ path: ['items', 1, 'v'], kind: 'changed', legacy: 'old', candidate: 'new' }]);
    });

    it('reports unpaired elements as missing at the legacy index and extra at the candidate index', () => {
      expect(summary(diffJson({ items: [1, 2, 3] }, { items: [3, 1] }, anyOrder).diffs)).toEqual(['missing $.items[1]']);
      expect(diffJson({ items: [1, 2, 3] }, { items: [3, 4, 1] }, anyOrder).diffs).toEqual([
        { path: ['items', 1], kind: 'changed', legacy: 2, candidate: 4 },
      ]);
      expect(summary(diffJson({ items: [1, 2, 3] }, { items: [3] }, anyOrder).diffs)).toEqual(['missing $.items[0]', 'missing $.items[1]']);
      expect(summary(diffJson({ items: [] }, { items: [7, 8] }, anyOrder).diffs)).toEqual(['extra $.items[0]', 'extra $.items[1]']);
    });

    it('pairs elements equal but for an ignored field, and still reports their other differences', () => {
      const options: DiffOptions = { ...anyOrder, skip: (path) => path[path.length - 1] === 'at' };
      const legacy = { items: [{ id: 1, at: 't1' }, { id: 2, at: 't2' }] };
      expect(diffJson(legacy, { items: [{ id: 2, at: 't9' }, { id: 1, at: 't8' }] }, options).diffs).toEqual([]);
    });

    it('pairs elements whose inner array differs only in ignored elements', () => {
      const options: DiffOptions = { ...anyOrder, skip: (path) => path[2] === 'trace' && path.length === 4 };
      const legacy = { items: [{ id: 1, trace: ['a'] }, { id: 2, trace: ['b'] }] };
      expect(diffJson(legacy, { items: [{ id: 2, trace: ['x'] }, { id: 1, trace: ['y'] }] }, options).diffs).toEqual([]);
    });

    it('treats a nested any-order array as a multiset when pairing its parents', () => {
      const options: DiffOptions = {
        arrayPolicy: (path) => (path.length === 1 || formatJsonPath(path).endsWith('.tags') ? { kind: 'any-order' } : { kind: 'strict' }),
      };
      // Paired in order, [a, b] would meet [d, c] and differ twice; as multisets both pairs are exact.
      const legacy = { items: [{ tags: ['a', 'b'] }, { tags: ['c', 'd'] }] };
      const candidate = { items: [{ tags: ['d', 'c'] }, { tags: ['b', 'a'] }] };
      expect(diffJson(legacy, candidate, options).diffs).toEqual([]);
    });
  });

  describe('by-key arrays', () => {
    const byId: DiffOptions = { arrayPolicy: policyAt('$.users', { kind: 'by-key', key: 'id' }) };

    it('pairs elements by key whatever their order and reports paths at the legacy index', () => {
      const legacy = { users: [{ id: 'u1', name: 'Ann' }, { id: 'u2', name: 'Bob' }] };
      const candidate = { users: [{ id: 'u2', name: 'Rob' }, { id: 'u1', name: 'Ann' }] };
      expect(diffJson(legacy, candidate, byId).diffs).toEqual([{ path: ['users', 1, 'name'], kind: 'changed', legacy: 'Bob', candidate: 'Rob' }]);
    });

    it('reports a key only the legacy has as missing (legacy index) and one only the candidate has as extra (candidate index)', () => {
      const legacy = { users: [{ id: 1 }, { id: 2 }] };
      const candidate = { users: [{ id: 3 }, { id: 1 }] };
      expect(diffJson(legacy, candidate, byId).diffs).toEqual([
        { path: ['users', 1], kind: 'missing', legacy: { id: 2 } },
        { path: ['users', 0], kind: 'extra', candidate: { id: 3 } },
      ]);
    });

    it('treats 1 and "1" as different keys', () => {
      expect(summary(diffJson({ users: [{ id: 1 }] }, { users: [{ id: '1' }] }, byId).diffs)).toEqual(['missing $.users[0]', 'extra $.users[0]']);
    });

    it('pairs elements lacking the key among themselves, identical ones first', () => {
      const legacy = { users: [{ name: 'anon' }, { id: 1 }, 'stray'] };
      const candidate = { users: ['stray', { id: 1 }, { name: 'anon' }] };
      expect(diffJson(legacy, candidate, byId).diffs).toEqual([]);
      const changed = { users: [{ id: 1 }, { name: 'anonymous' }] };
      expect(diffJson({ users: [{ name: 'anon' }, { id: 1 }] }, changed, byId).diffs).toEqual([
        { path: ['users', 0, 'name'], kind: 'changed', legacy: 'anon', candidate: 'anonymous' },
      ]);
    });

    it('reports an element that lost its key as missing, not as a changed key', () => {
      expect(summary(diffJson({ users: [{ id: 1, n: 'a' }] }, { users: [{ n: 'a' }] }, byId).diffs)).toEqual([
        'missing $.users[0]',
        'extra $.users[0]',
      ]);
    });

    it('matches duplicate keys as a multiset within the key: equal duplicates pass, a surplus one is reported', () => {
      const legacy = { users: [{ id: 1, n: 'a' }, { id: 1, n: 'b' }] };
      expect(diffJson(legacy, { users: [{ id: 1, n: 'b' }, { id: 1, n: 'a' }] }, byId).diffs).toEqual([]);
      const candidate = { users: [{ id: 1, n: 'b' }, { id: 1, n: 'a' }, { id: 1, n: 'c' }] };
      expect(diffJson(legacy, candidate, byId).diffs).toEqual([{ path: ['users', 2], kind: 'extra', candidate: { id: 1, n: 'c' } }]);
      const changedDuplicate = { users: [{ id: 1, n: 'a' }, { id: 1, n: 'z' }] };
      expect(summary(diffJson(legacy, changedDuplicate, byId).diffs)).toEqual(['changed $.users[1].n']);
    });
  });

  describe('hooks', () => {
    it('prunes skipped subtrees, including missing and extra members', () => {
      const skip = (path: readonly PathKey[]): boolean => path[0] === 'meta';
      const { diffs } = diffJson({ meta: { at: 1, gone: 1 }, v: 1 }, { meta: { at: 2, added: 1 }, v: 2 }, { skip });
      expect(summary(diffs)).toEqual(['changed $.v']);
    });

    it('asks skip and equal with paths that are safe to keep', () => {
      const seen: string[] = [];
      const kept: Array<readonly PathKey[]> = [];
      const record = (hook: string, path: readonly PathKey[]): void => {
        kept.push(path);
        seen.push(`${hook} ${formatJsonPath(path)}`);
      };
      diffJson({ a: { b: 1 } }, { a: { b: 2 } }, { skip: (path) => (record('skip', path), false), equal: (path) => (record('equal', path), undefined) });
      expect(seen).toEqual(['skip $', 'equal $', 'skip $.a', 'equal $.a', 'skip $.a.b', 'equal $.a.b']);
      expect(kept.map((path) => formatJsonPath(path))).toEqual(['$', '$', '$.a', '$.a', '$.a.b', '$.a.b']);
    });

    it('lets equal settle a node: true hides a difference, false reports one without descending', () => {
      const equal = (path: readonly PathKey[], a: unknown, b: unknown): boolean | undefined => {
        if (path[0] === 'id') return typeof a === 'string' && typeof b === 'string';
        if (path[0] === 'total') return Math.abs(Number(a) - Number(b)) < 0.01 ? true : undefined;
        if (path[0] === 'blob') return false;
        return undefined;
      };
      const legacy = { id: 'x-1', total: 10, blob: { a: 1 }, name: 'n' };
      const candidate = { id: 'y-2', total: 10.001, blob: { a: 1 }, name: 'm' };
      expect(diffJson(legacy, candidate, { equal }).diffs).toEqual([
        { path: ['blob'], kind: 'changed', legacy: { a: 1 }, candidate: { a: 1 } },
        { path: ['name'], kind: 'changed', legacy: 'n', candidate: 'm' },
      ]);
    });

    it('reports a type difference when equal rejects values of different JSON types', () => {
      const equal = (path: readonly PathKey[]): boolean | undefined => (path.length > 0 ? false : undefined);
      expect(summary(diffJson({ n: 1, s: 'a' }, { n: '1', s: 'a' }, { equal }).diffs)).toEqual(['type $.n', 'changed $.s']);
    });

    it('applies equal to elements paired in an any-order array', () => {
      const options: DiffOptions = {
        arrayPolicy: () => ({ kind: 'any-order' }),
        equal: (path, a, b) => (path[path.length - 1] === 'ts' ? typeof a === typeof b : undefined),
      };
      expect(diffJson([{ ts: 'a' }], [{ ts: 'b' }], options).diffs).toEqual([]);
    });
  });

  describe('maxDiffs', () => {
    it('lists at most maxDiffs differences and counts the rest as omitted', () => {
      const legacy = Array.from({ length: 10 }, (_, i) => i);
      const candidate = legacy.map((n) => n + 1);
      const result = diffJson(legacy, candidate, { maxDiffs: 3 });
      expect(summary(result.diffs)).toEqual(['changed $[0]', 'changed $[1]', 'changed $[2]']);
      expect(result.omitted).toBe(7);
    });

    it(`defaults to collecting ${defaultDiffOptions.maxDiffs} differences and counting the rest`, () => {
      const legacy = Array.from({ length: defaultDiffOptions.maxDiffs + 5 }, (_, i) => i);
      const result = diffJson(legacy, legacy.map(String));
      expect(result.diffs).toHaveLength(defaultDiffOptions.maxDiffs);
      expect(result.omitted).toBe(5);
    });
  });

  describe('deep documents', () => {
    const nest = (depth: number, leaf: unknown): unknown => {
      let value: unknown = leaf;
      for (let i = 0; i < depth; i += 1) value = i % 2 ? { k: value } : [value];
      return value;
    };

    it(`reports the exact path at a depth of ${maxRecursiveDepth}`, () => {
      const { diffs } = diffJson(nest(maxRecursiveDepth, 1), nest(maxRecursiveDepth, 2));
      expect(diffs).toHaveLength(1);
      expect(diffs[0]!.path).toHaveLength(maxRecursiveDepth);
      expect(diffs[0]).toMatchObject({ kind: 'changed', legacy: 1, candidate: 2 });
    });

    it('compares far deeper documents without overflowing the stack, reporting at the depth limit', () => {
      const { diffs } = diffJson(nest(50_000, 1), nest(50_000, 2));
      expect(diffs).toHaveLength(1);
      expect(diffs[0]!.path).toHaveLength(maxRecursiveDepth);
      expect(diffJson(nest(50_000, 1), nest(50_000, 1)).diffs).toEqual([]);
    });

    it('pairs any-order elements deeper than the limit without overflowing the stack', () => {
      const options: DiffOptions = { arrayPolicy: (path) => (path.length === 0 ? { kind: 'any-order' } : { kind: 'strict' }) };
      expect(diffJson([nest(5000, 'a'), 1], [1, nest(5000, 'a')], options).diffs).toEqual([]);
    });
  });
});
