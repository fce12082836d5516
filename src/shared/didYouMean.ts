/**
 * Nearest-name suggestions for "unknown key" messages, shared by the suite loader and the env
 * loader (both validate user-written names against a table of known ones).
 */

/** Levenshtein distance with unit costs; a transposition counts as 2, which is fine for typos. */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The known name closest to `input`, or undefined when nothing is plausibly meant. A name
 * counts as plausible within a third of its length (at least 1, at most 3 edits), compared
 * case-insensitively so `Method` and `METHD` still find `method`.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    const limit = Math.min(3, Math.max(1, Math.floor(Math.max(needle.length, candidate.length) / 3)));
    if (distance > limit) continue;
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  return best?.name;
}

/** ` Did you mean "x"?` or the empty string — ready to append to a sentence. */
export function didYouMeanSuffix(input: string, candidates: Iterable<string>): string {
  const suggestion = didYouMean(input, candidates);
  return suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
}
