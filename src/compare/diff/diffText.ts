import type { DiffOptions, DiffResult, RawDiff } from '../types';
import { defaultDiffOptions } from './diffJson';
import { lineEdits } from './lineEdits';

/**
 * A line diff of two texts (Myers, see `diffSequences`; lines as `lineEdits` splits them).
 *
 * Each block of replaced lines (deleted and inserted lines with no unchanged line between) is
 * reported line by line: the k-th deleted line against the k-th inserted one as `changed` at
 * `['line', n]`, n the 1-based LEGACY line number; deleted lines beyond those as `missing` at their
 * legacy line number; inserted lines beyond those as `extra` at their CANDIDATE line number (the
 * legacy has no such line). Values are the line texts.
 */
export function diffText(legacy: string, candidate: string, options: Pick<DiffOptions, 'maxDiffs'> = {}): DiffResult {
  const maxDiffs = options.maxDiffs ?? defaultDiffOptions.maxDiffs;
  const { legacyLines, candidateLines, runs } = lineEdits(legacy, candidate);
  const result: DiffResult = { diffs: [], omitted: 0 };
  const report = (diff: RawDiff): void => {
    if (result.diffs.length < maxDiffs) result.diffs.push(diff);
    else result.omitted += 1;
  };
  let index = 0;
  while (index < runs.length) {
    if (runs[index]!.op === 'equal') {
      index += 1;
      continue;
    }
    // A block: consecutive delete/insert runs; its deleted and inserted lines are each contiguous.
    let deletedFrom = -1;
    let deleted = 0;
    let insertedFrom = -1;
    let inserted = 0;
    for (; index < runs.length && runs[index]!.op !== 'equal'; index += 1) {
      const run = runs[index]!;
      if (run.op === 'delete') {
        if (deletedFrom < 0) deletedFrom = run.legacyStart;
        deleted += run.length;
      } else {
        if (insertedFrom < 0) insertedFrom = run.candidateStart;
        inserted += run.length;
      }
    }
    const paired = Math.min(deleted, inserted);
    for (let k = 0; k < paired; k += 1) {
      const ours = legacyLines[deletedFrom + k]!;
      const theirs = candidateLines[insertedFrom + k]!;
      // Equal lines meet here only when the diff budget ran out and the block is coarse.
      if (ours !== theirs) report({ path: ['line', deletedFrom + k + 1], kind: 'changed', legacy: ours, candidate: theirs });
    }
    for (let k = paired; k < deleted; k += 1) {
      report({ path: ['line', deletedFrom + k + 1], kind: 'missing', legacy: legacyLines[deletedFrom + k] });
    }
    for (let k = paired; k < inserted; k += 1) {
      report({ path: ['line', insertedFrom + k + 1], kind: 'extra', candidate: candidateLines[insertedFrom + k] });
    }
  }
  return result;
}
