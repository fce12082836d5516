import { isDeepStrictEqual } from 'node:util';
import { diffJson } from '../../src/compare/diff/diffJson';
import { generateLargePair } from '../../scripts/bench/generateLargePair';

describe('generateLargePair', () => {
  // Smaller than the benchmark's 5 MB so the suite stays quick; the shape is the same.
  const pair = generateLargePair({ targetBytes: 600_000, changes: 120, seed: 7 });

  it('produces a document of about the requested size', () => {
    const bytes = JSON.stringify(pair.legacy).length;
    expect(bytes).toBeGreaterThanOrEqual(600_000);
    expect(bytes).toBeLessThan(610_000);
  });

  it('is deterministic by seed and varies with it', () => {
    const again = generateLargePair({ targetBytes: 600_000, changes: 120, seed: 7 });
    expect(isDeepStrictEqual(again, pair)).toBe(true);
    expect(isDeepStrictEqual(generateLargePair({ targetBytes: 600_000, changes: 120, seed: 8 }).candidate, pair.candidate)).toBe(false);
  });

  it('spreads the requested number of changes over every kind of difference', () => {
    expect(pair.expectedChanges).toHaveLength(120);
    expect(new Set(pair.expectedChanges.map((diff) => diff.kind))).toEqual(new Set(['changed', 'type', 'missing', 'extra']));
  });

  it('shares no object between the two sides, as two parsed bodies would not', () => {
    expect(pair.candidate.items.some((item) => pair.legacy.items.includes(item))).toBe(false);
  });

  it('is found by diffJson exactly: every expected change, nothing else, in diff order', () => {
    const result = diffJson(pair.legacy, pair.candidate, pair.options);
    expect(result.omitted).toBe(0);
    expect(result.diffs).toEqual(pair.expectedChanges);
  });

  it('reorders the items, so a strict diff of the same pair finds far more than the expected changes', () => {
    const strict = diffJson(pair.legacy, pair.candidate, { maxDiffs: 10 });
    expect(strict.diffs.length + strict.omitted).toBeGreaterThan(1000);
  });

  it('refuses more item changes than there are items', () => {
    expect(() => generateLargePair({ targetBytes: 1000, changes: 50, seed: 1 })).toThrow(RangeError);
  });
});
