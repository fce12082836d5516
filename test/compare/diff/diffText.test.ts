import { diffText } from '../../../src/compare/diff/diffText';
import { unifiedDiff } from '../../../src/compare/diff/unifiedDiff';

const lines = (...text: string[]): string => text.join('\n');

describe('diffText', () => {
  it('finds no difference between equal texts', () => {
    expect(diffText(lines('a', 'b'), lines('a', 'b'))).toEqual({ diffs: [], omitted: 0 });
  });

  it('reports a replaced line as changed at its 1-based legacy line number', () => {
    expect(diffText(lines('a', 'b', 'c'), lines('a', 'B', 'c')).diffs).toEqual([{ path: ['line', 2], kind: 'changed', legacy: 'b', candidate: 'B' }]);
  });

  it('reports a deleted line as missing at its legacy number and an inserted one as extra at its candidate number', () => {
    expect(diffText(lines('a', 'gone', 'b', 'c'), lines('a', 'b', 'c', 'new')).diffs).toEqual([
      { path: ['line', 2], kind: 'missing', legacy: 'gone' },
      { path: ['line', 4], kind: 'extra', candidate: 'new' },
    ]);
  });

  it('pairs a block of replaced lines one by one and reports the surplus', () => {
    expect(diffText(lines('x', '1', '2', 'y'), lines('x', 'one', 'two', 'three', 'y')).diffs).toEqual([
      { path: ['line', 2], kind: 'changed', legacy: '1', candidate: 'one' },
      { path: ['line', 3], kind: 'changed', legacy: '2', candidate: 'two' },
      { path: ['line', 4], kind: 'extra', candidate: 'three' },
    ]);
  });

  it('keeps carriage returns and a final newline as part of the text', () => {
    expect(diffText('a\r\nb', 'a\nb').diffs).toEqual([{ path: ['line', 1], kind: 'changed', legacy: 'a\r', candidate: 'a' }]);
    expect(diffText('a\n', 'a').diffs).toEqual([{ path: ['line', 2], kind: 'missing', legacy: '' }]);
  });

  it('caps the listed differences at maxDiffs and counts the rest', () => {
    const result = diffText(lines('1', '2', '3', '4'), lines('a', 'b', 'c', 'd'), { maxDiffs: 1 });
    expect(result.diffs).toHaveLength(1);
    expect(result.omitted).toBe(3);
  });

  it('diffs a large text with scattered edits without listing unchanged lines', () => {
    const legacy = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    const candidate = legacy.map((line, i) => (i % 1000 === 0 ? `${line} edited` : line));
    const { diffs } = diffText(legacy.join('\n'), candidate.join('\n'));
    expect(diffs.map((diff) => diff.path[1])).toEqual(Array.from({ length: 20 }, (_, k) => k * 1000 + 1));
  });
});

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb', 'a\nb')).toBe('');
  });

  it('prints GNU-style hunks with three lines of context by default', () => {
    const legacy = lines('1', '2', '3', '4', '5', '6', '7', '8', '9');
    const candidate = lines('1', '2', '3', '4', 'five', '6', '7', '8', '9');
    expect(unifiedDiff(legacy, candidate)).toBe(lines('--- legacy', '+++ candidate', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8'));
  });

  it('merges changes closer than twice the context into one hunk and splits distant ones', () => {
    const legacy = Array.from({ length: 30 }, (_, i) => `${i + 1}`);
    const near = legacy.map((line) => (line === '5' || line === '10' ? `${line}!` : line));
    expect(unifiedDiff(legacy.join('\n'), near.join('\n'), 2).match(/^@@/gm)).toHaveLength(1);
    const far = legacy.map((line) => (line === '5' || line === '25' ? `${line}!` : line));
    expect(unifiedDiff(legacy.join('\n'), far.join('\n'), 2).match(/^@@.*@@$/gm)).toEqual(['@@ -3,5 +3,5 @@', '@@ -23,5 +23,5 @@']);
  });

  it('numbers a one-line range without a count and an empty range after the line before it', () => {
    expect(unifiedDiff('', 'x')).toBe(lines('--- legacy', '+++ candidate', '@@ -1 +1 @@', '-', '+x'));
    expect(unifiedDiff('a', 'a\nb', 0)).toBe(lines('--- legacy', '+++ candidate', '@@ -1,0 +2 @@', '+b'));
  });
});
