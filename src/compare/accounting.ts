import type { Difference, NormalizationNote } from '../model/result';
import { hasRelated, isAtOrBelow, toDifference, type Finding } from './findings';

/**
 * Raw differences that normalization erased: each one is accepted by the rule whose note touched
 * its path — a note at the same path first, else the nearest note above it (a rewritten header,
 * an opened JWT's header), else the first note below it. The acceptance reason is that rule's
 * fact; other rules that also touched the place are named after it.
 */
export function erasedByNormalization(raw: readonly Finding[], normalized: readonly Finding[], notes: readonly NormalizationNote[], facts: ReadonlyMap<string, string>): Difference[] {
  return raw
    .filter((finding) => !hasRelated(finding, normalized))
    .map((finding) => {
      const touching = notesTouching(finding.path, notes);
      const rules = [...new Set(touching.map((note) => note.rule))];
      const [rule, ...others] = rules;
      if (rule === undefined) return toDifference(finding, 'accepted', unexplainedRule, unexplainedReason);
      const also = others.length > 0 ? ` (also: ${others.join(', ')})` : '';
      return toDifference(finding, 'accepted', rule, `${facts.get(rule) ?? rule}${also}`);
    });
}

/** Never expected: a raw difference that vanished with no note near it. Named, so a test can insist it never occurs. */
export const unexplainedRule = 'normalization.unexplained';
const unexplainedReason = 'equal after normalization, but no rule recorded a change at this path';

function notesTouching(path: string, notes: readonly NormalizationNote[]): NormalizationNote[] {
  const exact = notes.filter((note) => note.path === path);
  if (exact.length > 0) return exact;
  const above = notes.filter((note) => isAtOrBelow(path, note.path));
  if (above.length > 0) {
    const nearest = Math.max(...above.map((note) => note.path.length));
    return above.filter((note) => note.path.length === nearest);
  }
  return notes.filter((note) => isAtOrBelow(note.path, path));
}
