import type { ThrottlingAdvice } from '../model/result';

/**
 * One warning per API whose tier or policy name could not be read, for the run's `warnings`
 * (which every report shows): an unreadable name is an unknown limit, and silence would read as
 * "no problem".
 */
export function throttlingWarnings(advice: readonly ThrottlingAdvice[]): string[] {
  return advice
    .filter((a) => (a.unreadable ?? []).length > 0)
    .map((a) => {
      const sides = (a.unreadable ?? []).map((side) => (side === 'legacy' ? `legacy tier "${a.legacyTier}"` : `candidate policy "${a.candidatePolicy}"`));
      const variable = (a.unreadable ?? []).map((side) => `PARITY_API_${a.api.toUpperCase()}_${side === 'legacy' ? 'LEGACY_TIER' : 'CANDIDATE_POLICY'}`);
      return `Throttling advice for API "${a.api}" is unknown: the ${sides.join(' and ')} cannot be read, so its limit is unknown (not unlimited). Set ${variable.join(' / ')} to a known name or a rate such as 10K/min.`;
    });
}
