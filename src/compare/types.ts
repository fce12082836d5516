import type { ProfileName } from '../config/types';
import type { Difference, Exchange, ExpectationResult, NormalizationNote, TargetName } from '../model/result';
import type { Step } from '../suite/types';

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
  candidate: Exchange;
  profiles: Record<TargetName, ProfileName>;
  /** This step's API base URL on each target (rewritten to one placeholder before diffing). */
  baseUrls: Record<TargetName, string>;
  aliases: AliasPair[];
}

export interface CompareOutput {
  expectations: ExpectationResult[];
  differences: Difference[];
  notes: NormalizationNote[];
}

/** The comparison engine behind a small interface, so a better one can replace it. */
export type CompareStep = (input: CompareInput) => CompareOutput;
