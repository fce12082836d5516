import { type EditRun, diffSequences } from './diffSequences';

export interface LineEdits {
  legacyLines: string[];
  candidateLines: string[];
  runs: EditRun[];
}

/**
 * The line-level edit script between two texts. Lines are split on "\n" only and kept verbatim:
 * a "\r" stays part of its line (so CRLF against LF shows, on every line) and a final newline makes
 * a last, empty line (so a missing one shows). Normalising either is the normalizer's decision,
 * not the diff's.
 */
export function lineEdits(legacy: string, candidate: string): LineEdits {
  const legacyLines = legacy.split('\n');
  const candidateLines = candidate.split('\n');
  const ids = new Map<string, number>();
  const intern = (lines: readonly string[]): Int32Array =>
    Int32Array.from(lines, (line) => {
      let id = ids.get(line);
      if (id === undefined) ids.set(line, (id = ids.size));
      return id;
    });
  return { legacyLines, candidateLines, runs: diffSequences(intern(legacyLines), intern(candidateLines)) };
}
