import type { ComparableResponse } from './comparable';
import { diffResponses, type DiffPassOptions } from './diffResponses';
import { faultFieldFindings } from './faultCompare';
import { isAtOrBelow, sameSpace, type Finding } from './findings';

/**
 * The noise baseline of ONE step: where the legacy disagreed with itself between two calls of
 * the same request, a legacy-vs-candidate difference proves nothing. Never statistical, never
 * borrowed from another case. Both legacy responses are in normalized form and seen through the
 * same user rules as the real comparison.
 */
export function noiseFindings(first: ComparableResponse, repeat: ComparableResponse, options: Omit<DiffPassOptions, 'statusAndBody'>): Finding[] {
  const eitherFault = first.fault !== undefined || repeat.fault !== undefined;
  const pass = diffResponses(first, repeat, { body: options.body, headerEqual: options.headerEqual, statusAndBody: !eitherFault });
  return eitherFault ? [...pass.findings, ...faultFieldFindings(first, repeat)] : pass.findings;
}

/** The legacy self-disagreement at or above this finding's path, if any. */
export function noiseAt(finding: Finding, noise: readonly Finding[]): Finding | undefined {
  return noise.find((self) => sameSpace(self.area, finding.area) && isAtOrBelow(finding.path, self.path));
}
