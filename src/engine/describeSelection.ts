import type { CaseSelection } from './selectCases';

export interface SelectionFacts extends CaseSelection {
  shard?: { index: number; count: number };
  /** Suite files, folders or globs the run was limited to. */
  paths?: readonly string[];
}

/**
 * The narrowings of a run as the phrases its reports show, spelled as both shells accept them
 * (`-t`, `--tag` / PARITY_TAGS, `--shard`, a path filter). Order is fixed so both shells agree.
 */
export function describeSelection(facts: SelectionFacts): string[] {
  const phrases: string[] = [];
  if (facts.paths && facts.paths.length > 0) phrases.push(`path filter ${facts.paths.map((p) => `"${p}"`).join(' ')}`);
  if (facts.grep) phrases.push(`-t "${facts.grep}"`);
  if (facts.tags && facts.tags.length > 0) phrases.push(`--tag ${facts.tags.join(',')}`);
  if (facts.shard) phrases.push(`--shard ${facts.shard.index}/${facts.shard.count}`);
  return phrases;
}
