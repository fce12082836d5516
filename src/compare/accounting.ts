import type { Difference, NormalizationNote } from '../model/result';
import { isAtOrBelow, relatedIn, toDifference, type Finding } from './findings';

/**
 * Raw differences that normalization erased: each one is accepted by the rule whose note touched
 * its path — a note at the same path first, else the nearest note above it (a rewritten header,
 * an opened JWT's header), else the first note below it. The acceptance reason is that rule's
 * fact; other rules that also touched the place are named after it.
 */
export function erasedByNormalization(raw: readonly Finding[], normalized: readonly Finding[], notes: readonly NormalizationNote[], facts: ReadonlyMap<string, string>): Difference[] {
  const remains = relatedIn(normalized);
  const erased = raw.filter((finding) => !remains(finding));
  if (erased.length === 0) return [];
  const byPath = indexByPath(notes);
  return erased.map((finding) => {
      const rules = [...new Set(notesTouching(finding.path, byPath, notes).map((note) => note.rule))];
      const [rule, ...others] = rules;
      if (rule === undefined) return toDifference(finding, 'accepted', unexplainedRule, unexplainedReason);
      const also = others.length > 0 ? ` (also: ${others.join(', ')})` : '';
      return toDifference(finding, 'accepted', rule, `${facts.get(rule) ?? rule}${also}`);
    });
}

/** Never expected: a raw difference that vanished with no note near it. Named, so a test can insist it never occurs. */
export const unexplainedRule = 'normalization.unexplained';
const unexplainedReason = 'equal after normalization, but no rule recorded a change at this path';

function indexByPath(notes: readonly NormalizationNote[]): Map<string, NormalizationNote[]> {
  const index = new Map<string, NormalizationNote[]>();
  for (const note of notes) {
    const list = index.get(note.path);
    if (list) list.push(note);
    else index.set(note.path, [note]);
  }
  return index;
}

/** The notes at `path`, else at its nearest ancestor, else (rarely) anywhere below it. */
function notesTouching(path: string, byPath: ReadonlyMap<string, NormalizationNote[]>, notes: readonly NormalizationNote[]): NormalizationNote[] {
  const exact = byPath.get(path);
  if (exact) return exact;
  if (path.startsWith('$')) {
    // Every ancestor of a formatted path ends just before a `.` or `[` (a cut inside a quoted key
    // yields a string no note can have, so it finds nothing).
    for (let end = path.length - 1; end >= 1; end -= 1) {
      if (path[end] !== '.' && path[end] !== '[') continue;
      const above = byPath.get(path.slice(0, end));
      if (above) return above;
    }
  }
  return notes.filter((note) => isAtOrBelow(note.path, path));
}
