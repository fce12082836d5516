/** A run of one edit operation over two integer sequences (0-based starts). */
export interface EditRun {
  op: 'equal' | 'delete' | 'insert';
  /** Index in the legacy sequence where the run starts (for `insert`: where it would go). */
  legacyStart: number;
  /** Index in the candidate sequence where the run starts (for `delete`: where it would go). */
  candidateStart: number;
  length: number;
}

/**
 * Work allowed to the middle-snake searches (diagonal steps) before the rest of the problem is
 * treated as "all replaced": keeps pathological inputs (two large, wholly different texts) bounded
 * in time at the cost of a coarser, still correct, edit script.
 */
const defaultDiffBudget = 20_000_000;

/**
 * Myers' O(ND) difference algorithm in linear space (divide and conquer on the middle snake, as in
 * Myers 1986 §4b and diff-match-patch's `bisect`), on sequences of integer ids (e.g. interned lines).
 * Returns equal/delete/insert runs covering both sequences in order; adjacent runs differ in `op`.
 */
export function diffSequences(legacy: Int32Array, candidate: Int32Array, budget = defaultDiffBudget): EditRun[] {
  const differ = new Differ(legacy, candidate, budget);
  differ.compare(0, legacy.length, 0, candidate.length);
  return differ.runs;
}

class Differ {
  readonly runs: EditRun[] = [];

  constructor(
    private readonly a: Int32Array,
    private readonly b: Int32Array,
    private budget: number,
  ) {}

  compare(aLo: number, aHi: number, bLo: number, bHi: number): void {
    const { a, b } = this;
    let prefix = 0;
    while (aLo + prefix < aHi && bLo + prefix < bHi && a[aLo + prefix] === b[bLo + prefix]) prefix += 1;
    this.emit('equal', aLo, bLo, prefix);
    aLo += prefix;
    bLo += prefix;
    let suffix = 0;
    while (aHi - suffix > aLo && bHi - suffix > bLo && a[aHi - 1 - suffix] === b[bHi - 1 - suffix]) suffix += 1;
    aHi -= suffix;
    bHi -= suffix;
    const split = aLo < aHi && bLo < bHi ? this.middleSnake(aLo, aHi, bLo, bHi) : undefined;
    if (split) {
      this.compare(aLo, split.x, bLo, split.y);
      this.compare(split.x, aHi, split.y, bHi);
    } else {
      this.emit('delete', aLo, bLo, aHi - aLo);
      this.emit('insert', aHi, bLo, bHi - bLo);
    }
    this.emit('equal', aHi, bHi, suffix);
  }

  /**
   * A point (x, y) on an optimal edit path, found by running the forward and reverse searches
   * until they overlap. Undefined when the budget runs out (or nothing is shared).
   */
  private middleSnake(aLo: number, aHi: number, bLo: number, bHi: number): { x: number; y: number } | undefined {
    const { a, b } = this;
    const n = aHi - aLo;
    const m = bHi - bLo;
    const maxD = Math.ceil((n + m) / 2);
    const offset = maxD;
    const size = 2 * maxD + 2;
    const forward = new Int32Array(size).fill(-1);
    const reverse = new Int32Array(size).fill(-1);
    forward[offset + 1] = 0;
    reverse[offset + 1] = 0;
    const delta = n - m;
    const odd = (delta & 1) !== 0;
    let k1start = 0;
    let k1end = 0;
    let k2start = 0;
    let k2end = 0;
    for (let d = 0; d < maxD; d += 1) {
      this.budget -= 2 * d + 1;
      if (this.budget < 0) return undefined;
      for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
        const i1 = offset + k1;
        let x1 = k1 === -d || (k1 !== d && forward[i1 - 1]! < forward[i1 + 1]!) ? forward[i1 + 1]! : forward[i1 - 1]! + 1;
        let y1 = x1 - k1;
        while (x1 < n && y1 < m && a[aLo + x1] === b[bLo + y1]) {
          x1 += 1;
          y1 += 1;
        }
        forward[i1] = x1;
        if (x1 > n) k1end += 2;
        else if (y1 > m) k1start += 2;
        else if (odd) {
          const i2 = offset + delta - k1;
          if (i2 >= 0 && i2 < size && reverse[i2] !== -1 && x1 >= n - reverse[i2]!) return { x: aLo + x1, y: bLo + y1 };
        }
      }
      for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
        const i2 = offset + k2;
        let x2 = k2 === -d || (k2 !== d && reverse[i2 - 1]! < reverse[i2 + 1]!) ? reverse[i2 + 1]! : reverse[i2 - 1]! + 1;
        let y2 = x2 - k2;
        while (x2 < n && y2 < m && a[aHi - 1 - x2] === b[bHi - 1 - y2]) {
          x2 += 1;
          y2 += 1;
        }
        reverse[i2] = x2;
        if (x2 > n) k2end += 2;
        else if (y2 > m) k2start += 2;
        else if (!odd) {
          const i1 = offset + delta - k2;
          if (i1 >= 0 && i1 < size && forward[i1] !== -1) {
            const x1 = forward[i1]!;
            const y1 = offset + x1 - i1;
            if (x1 >= n - x2) return { x: aLo + x1, y: bLo + y1 };
          }
        }
      }
    }
    return undefined;
  }

  private emit(op: EditRun['op'], legacyStart: number, candidateStart: number, length: number): void {
    if (length <= 0) return;
    const last = this.runs[this.runs.length - 1];
    if (last && last.op === op) last.length += length;
    else this.runs.push({ op, legacyStart, candidateStart, length });
  }
}
