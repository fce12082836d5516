import type { Difference } from '../model/result';
import { describeOrigin, type CompiledRules } from './userRules';

/**
 * A `must-exist` header rule is an assertion as much as a comparison: the candidate must send the
 * header even when the legacy did not (then it is a regression, like a failed expectation), and a
 * legacy that lacks it while the candidate sends it is an improvement. Presence on both sides with
 * different values is accepted by the rule (see userHeaderView); candidate-only absence is an
 * ordinary `missing` difference.
 */
export function mustExistChecks(
  legacy: Record<string, unknown>,
  candidate: Record<string, unknown>,
  rules: CompiledRules,
): { differences: Difference[]; improved: string[] } {
  const differences: Difference[] = [];
  const improved: string[] = [];
  for (const [name, entry] of rules.headers) {
    if (entry.rule !== 'must-exist') continue;
    const path = `header:${name}`;
    if (legacy[name] === undefined && candidate[name] === undefined) {
      differences.push({ area: 'header', path, kind: 'missing', disposition: 'regression', reason: `the header must exist (${describeOrigin(entry.origin)}) but neither side sends it` });
    } else if (legacy[name] === undefined) {
      improved.push(path);
    }
  }
  return { differences, improved };
}
