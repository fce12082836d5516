import { diffSequences, type EditRun } from '../../../src/compare/diff/diffSequences';

/** Applies an edit script to `a` and checks it accounts for every element of both sides. */
function apply(a: Int32Array, b: Int32Array, runs: readonly EditRun[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  for (const run of runs) {
    expect([run.legacyStart, run.candidateStart]).toEqual([i, j]);
    if (run.op === 'equal') for (let k = 0; k < run.length; k += 1) expect(a[i + k]).toBe(b[j + k]);
    if (run.op !== 'insert') i += run.length;
    if (run.op !== 'delete') j += run.length;
    if (run.op === 'equal') out.push(...a.subarray(run.legacyStart, run.legacyStart + run.length));
    if (run.op === 'insert') out.push(...b.subarray(run.candidateStart, run.candidateStart + run.length));
  }
  expect([i, j]).toEqual([a.length, b.length]);
  return out;
}

/** Edit distance (insertions + deletions) by dynamic programming, for small inputs. */
function editDistance(a: Int32Array, b: Int32Array): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! : 1 + Math.min(previous[j]!, current[j - 1]!);
    }
    previous = current;
  }
  return previous[b.length]!;
}

describe('diffSequences', () => {
  it('produces a valid and minimal edit script for random sequences', () => {
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let trial = 0; trial < 300; trial += 1) {
      const a = Int32Array.from({ length: random(25) }, () => random(4));
      const b = Int32Array.from({ length: random(25) }, () => random(4));
      const runs = diffSequences(a, b);
      expect(apply(a, b, runs)).toEqual([...b]);
      const edits = runs.filter((run) => run.op !== 'equal').reduce((sum, run) => sum + run.length, 0);
      expect(edits).toBe(editDistance(a, b));
    }
  });

  it('falls back to a coarse but valid script when its work budget runs out', () => {
    const a = Int32Array.from({ length: 2000 }, (_, i) => i);
    const b = Int32Array.from({ length: 2000 }, (_, i) => (i % 2 ? i : -i - 1));
    const edits = (runs: readonly EditRun[]): number => runs.filter((run) => run.op !== 'equal').reduce((sum, run) => sum + run.length, 0);
    expect(edits(diffSequences(a, b))).toBe(2000);
    const coarse = diffSequences(a, b, 1000);
    expect(apply(a, b, coarse)).toEqual([...b]);
    expect(edits(coarse)).toBeGreaterThan(2000);
  });
});
