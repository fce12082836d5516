import { lineEdits } from './lineEdits';

interface Entry {
  tag: ' ' | '-' | '+';
  text: string;
  /** Legacy lines before this entry (so the 1-based number of a ' ' or '-' line is `legacy + 1`). */
  legacy: number;
  candidate: number;
}

/**
 * A unified diff (`--- legacy` / `+++ candidate`, GNU hunk headers) of two texts, with `context`
 * unchanged lines around each change, for failure messages. Empty when the texts are equal.
 */
export function unifiedDiff(legacy: string, candidate: string, context = 3): string {
  const { legacyLines, candidateLines, runs } = lineEdits(legacy, candidate);
  const entries: Entry[] = [];
  for (const run of runs) {
    for (let k = 0; k < run.length; k += 1) {
      const a = run.legacyStart + (run.op === 'insert' ? 0 : k);
      const b = run.candidateStart + (run.op === 'delete' ? 0 : k);
      if (run.op === 'insert') entries.push({ tag: '+', text: candidateLines[b]!, legacy: a, candidate: b });
      else entries.push({ tag: run.op === 'equal' ? ' ' : '-', text: legacyLines[a]!, legacy: a, candidate: b });
    }
  }
  const changes = entries.flatMap((entry, i) => (entry.tag === ' ' ? [] : [i]));
  if (changes.length === 0) return '';
  const out = ['--- legacy', '+++ candidate'];
  let start = 0;
  while (start < changes.length) {
    let end = start;
    while (end + 1 < changes.length && changes[end + 1]! - changes[end]! <= 2 * context + 1) end += 1;
    const from = Math.max(0, changes[start]! - context);
    const to = Math.min(entries.length, changes[end]! + context + 1);
    out.push(hunk(entries.slice(from, to)));
    start = end + 1;
  }
  return out.join('\n');
}

function hunk(entries: readonly Entry[]): string {
  const legacyCount = entries.filter((entry) => entry.tag !== '+').length;
  const candidateCount = entries.filter((entry) => entry.tag !== '-').length;
  const first = entries[0]!;
  const lines = entries.map((entry) => `${entry.tag}${entry.text}`);
  return [`@@ -${range(first.legacy, legacyCount)} +${range(first.candidate, candidateCount)} @@`, ...lines].join('\n');
}

/** GNU style: `start,count`, just `start` for one line, and the line before for an empty range. */
function range(before: number, count: number): string {
  if (count === 0) return `${before},0`;
  return count === 1 ? `${before + 1}` : `${before + 1},${count}`;
}
