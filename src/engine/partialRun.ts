import type { PartialRun, RunResult } from '../model/result';

/** Every partial run's warning starts with this, so a merge of all shards can lift it again. */
const partialRunWarningPrefix = 'Partial run:';

export interface PartialRunFacts {
  /** Cases in this run's reports. */
  selectedCases: number;
  /** Cases in the whole suite set. */
  totalCases: number;
  /** What narrowed the selection (`-t "…"`, a path filter, `--tag`, `--shard`, `only:`). */
  narrowedBy: readonly string[];
  /** What cut the run short after it started (`--bail`, the run timeout). */
  cutShortBy: readonly string[];
}

/**
 * A run is partial when it selected fewer cases than the suite set holds, or when something
 * stopped it before its selection ran. A narrowing that happens to select every case (`-t .`)
 * does not make a run partial.
 */
export function describePartialRun(facts: PartialRunFacts): PartialRun | undefined {
  const narrowed = facts.selectedCases < facts.totalCases;
  if (!narrowed && facts.cutShortBy.length === 0) return undefined;
  const reasons = [...(narrowed ? facts.narrowedBy : []), ...facts.cutShortBy];
  return { selectedCases: facts.selectedCases, totalCases: facts.totalCases, reasons: reasons.length > 0 ? [...new Set(reasons)] : ['a selection of suite files'] };
}

/** The one sentence every report shows for a partial run (sign-off, HTML, JUnit, gate, CLI). */
export function partialRunWarning(partial: PartialRun): string {
  return `${partialRunWarningPrefix} ${partial.selectedCases} of ${partial.totalCases} cases selected (${partial.reasons.join(', ')}) — not a sign-off of the whole suite set.`;
}

/**
 * The partial-run marking of shards merged into one run: `--shard` no longer narrows it once every
 * shard is in (merging refuses missing shards unless told otherwise), while any other narrowing or
 * cut of any shard still does. Returns the merged run re-marked, its warnings updated to match.
 */
export function remarkMergedRun(merged: RunResult, shards: readonly RunResult[]): RunResult {
  const reasons = [...new Set(shards.flatMap((run) => run.partial?.reasons ?? []))].filter((reason) => !reason.startsWith('--shard '));
  const totalCases = Math.max(merged.cases.length, ...shards.map((run) => run.partial?.totalCases ?? run.cases.length));
  const missingShards = merged.warnings.some((warning) => warning.startsWith('Merged results lack shard'));
  const partial: PartialRun | undefined =
    merged.cases.length < totalCases || reasons.length > 0
      ? { selectedCases: merged.cases.length, totalCases, reasons: reasons.length > 0 ? reasons : [missingShards ? 'missing shards' : 'a selection of suite files'] }
      : undefined;
  const { partial: _previous, ...rest } = merged;
  const warnings = merged.warnings.filter((warning) => !warning.startsWith(partialRunWarningPrefix));
  return { ...rest, partial, warnings: partial ? [partialRunWarning(partial), ...warnings] : warnings };
}
