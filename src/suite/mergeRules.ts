import type { ParityRules } from './types';

export function emptyRules(): ParityRules {
  return { ignore: [], match: [], arrays: [], headers: [], accept: [] };
}

/**
 * Merges rule layers in order (global → suite → case → step). Later layers append; for `match`,
 * `arrays`, `headers` and `ignore` an entry for the same path (or header) replaces the earlier one,
 * so "the nearest scope wins" and the origin always names the rule that applies. `accept` entries
 * only replace an identical earlier one: two acceptances of one path with different values are
 * both meaningful.
 */
export function mergeRules(...layers: ReadonlyArray<ParityRules | undefined>): ParityRules {
  const merged = emptyRules();
  for (const layer of layers) {
    if (!layer) continue;
    merged.ignore = replaceOrAppend(merged.ignore, layer.ignore, (rule) => rule.path);
    merged.match = replaceOrAppend(merged.match, layer.match, (rule) => rule.path);
    merged.arrays = replaceOrAppend(merged.arrays, layer.arrays, (rule) => rule.path);
    merged.headers = replaceOrAppend(merged.headers, layer.headers, (rule) => rule.name);
    merged.accept = replaceOrAppend(merged.accept, layer.accept, (rule) =>
      JSON.stringify([rule.path, 'legacy' in rule ? rule.legacy : '∅', 'candidate' in rule ? rule.candidate : '∅']),
    );
  }
  return merged;
}

function replaceOrAppend<T>(earlier: T[], later: readonly T[], identity: (rule: T) => string): T[] {
  const replaced = new Set(later.map(identity));
  return [...earlier.filter((rule) => !replaced.has(identity(rule))), ...later];
}
