import type { Difference } from '../model/result';
import { pathsRelated, toDifference, type Finding } from './findings';
import { noiseAt } from './noise';
import type { CompiledRules } from './userRules';
import { userAcceptance } from './userRuleExplain';

export interface DispositionContext {
  rules: CompiledRules;
  /** This step's legacy self-disagreements (empty without a noise baseline). */
  noise: readonly Finding[];
  /** Checks the legacy broke and the candidate kept (`status`, `header:<name>`, a JSON path). */
  improved: readonly string[];
}

/**
 * The one disposition of a difference that no normalization or ignore/match/array rule erased,
 * in this order: the user's `accept` rule → accepted; caused by a legacy failure the candidate
 * fixed → improvement; the legacy disagreed with itself there → noise; otherwise → regression.
 */
export function dispose(finding: Finding, context: DispositionContext): Difference {
  const accepted = userAcceptance(finding, context.rules);
  if (accepted) return accepted;
  const cause = improvementCause(finding, context.improved);
  if (cause !== undefined) {
    return toDifference(finding, 'improvement', undefined, `follows from the legacy breaking the expectation ${cause}, which the candidate keeps`);
  }
  const self = noiseAt(finding, context.noise);
  if (self) {
    const repeat = self.kind === 'missing' ? 'nothing' : show(self.candidate);
    return toDifference(finding, 'noise', undefined, `the legacy disagreed with itself at ${self.path}: first call ${show(self.legacy)}, repeat call ${repeat}`);
  }
  return toDifference(finding, 'regression');
}

/**
 * A status the legacy got wrong explains every status, header and body difference of the step;
 * a header or JSON-path expectation explains the differences at that place.
 */
function improvementCause(finding: Finding, improved: readonly string[]): string | undefined {
  return improved.find((check) => {
    if (check === 'status') return true;
    if (check.startsWith('header:')) return finding.path === check;
    return (finding.area === 'body' || finding.area === 'fault') && pathsRelated(finding.path, check);
  });
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
}
