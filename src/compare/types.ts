import type { PathKey } from '../model/jsonPath';
import type { ProfileName } from '../config/types';
import type { Difference, Exchange, ExpectationResult, NormalizationNote, TargetName, UnlistedDifferences } from '../model/result';
import type { ArrayPolicy, Expectation, Step } from '../suite/types';

/**
 * A pair of values captured under the same variable name on each side of a scenario (an order id
 * created on each gateway). Later steps treat the candidate's value as equal to the legacy's.
 */
export interface AliasPair {
  name: string;
  legacy: string;
  candidate: string;
}

export interface CompareInput {
  step: Step;
  legacy: Exchange;
  /** Second legacy call of the noise baseline, when made. */
  legacyRepeat?: Exchange;
  /** Further repeats (PARITY_NOISE_CALLS > 2): more observations of what the legacy varies by itself. */
  legacyMoreRepeats?: Exchange[];
  candidate: Exchange;
  profiles: Record<TargetName, ProfileName>;
  /** This step's API base URL on each target (rewritten to one placeholder before diffing). */
  baseUrls: Record<TargetName, string>;
  aliases: AliasPair[];
  /**
   * The step's expectations with every template already expanded for each side (suite vars,
   * data rows, that side's captures, `{{base}}`); when absent, `step.expect` is used as written.
   */
  expect?: Record<TargetName, Expectation>;
}

export interface CompareOutput {
  expectations: ExpectationResult[];
  differences: Difference[];
  /** Set when more differences were found than a step lists: the rest, counted (see `StepResult.unlisted`). */
  unlisted?: UnlistedDifferences[];
  notes: NormalizationNote[];
}

/** The comparison engine behind a small interface, so a better one can replace it. */
export type CompareStep = (input: CompareInput) => CompareOutput;

/** One structural difference as the diff engine reports it, before any disposition. */
export interface RawDiff {
  path: PathKey[];
  kind: 'changed' | 'missing' | 'extra' | 'type';
  /** Absent for `extra` (legacy had nothing) … */
  legacy?: unknown;
  /** … and for `missing` (candidate has nothing). */
  candidate?: unknown;
}

/**
 * Per-path decisions the diff engine asks for while walking. They are called only at arrays
 * (`arrayPolicy`) and at leaves/subtrees (`skip`, `equal`), never per character, so the walk
 * stays linear in the size of the bodies.
 */
export interface DiffOptions {
  /** How to pair elements of the array at `path` (default strict by index). */
  arrayPolicy?: (path: readonly PathKey[]) => ArrayPolicy;
  /** True when nothing at or below `path` should be compared (ignored, noise, …). */
  skip?: (path: readonly PathKey[]) => boolean;
  /** A custom equality for the two values at `path` (matchers, aliases); undefined = default. */
  equal?: (path: readonly PathKey[], legacy: unknown, candidate: unknown) => boolean | undefined;
  /** For `by-key` pairing: the legacy key a candidate key value stands for (alias pairs), if any. */
  keyAlias?: (candidateKey: unknown) => string | number | undefined;
  /** Stop after this many differences (the rest are only counted, in `omitted`). Default `defaultDiffOptions.maxDiffs`. */
  maxDiffs?: number;
}

export interface DiffResult {
  diffs: RawDiff[];
  /** Differences found beyond `maxDiffs`. */
  omitted: number;
}

/** The JSON diff engine behind a small interface, so a better one can replace it. */
export type DiffJson = (legacy: unknown, candidate: unknown, options?: DiffOptions) => DiffResult;
