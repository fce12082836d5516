import { compareStep } from '../../src/compare/compareStep';
import { unexplainedRule } from '../../src/compare/accounting';
import { apiCloudChoreoFaultEquivalences as faultEquivalences, messageCaseRule, sameFaultFallback } from '../../src/profiles/faultEquivalences';
import type { Difference } from '../../src/model/result';
import { describeDifference, loadExchangePairs, toCompareInput, type ExpectedDifference } from './support/exchangePairs';

/**
 * The fixture corpus: every recorded pair must produce EXACTLY its expected set of differences —
 * each expected one present with its disposition (and rule, when given), and nothing else. So an
 * acceptance that stops happening fails, and so does one that starts hiding a regression.
 */
const fixtures = loadExchangePairs();

function matches(expected: ExpectedDifference, actual: Difference): boolean {
  return (
    expected.path === actual.path &&
    expected.disposition === actual.disposition &&
    (expected.rule === undefined || expected.rule === actual.rule) &&
    (expected.area === undefined || expected.area === actual.area)
  );
}

describe('recorded exchange pairs', () => {
  it('has a corpus to check', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
  });

  it('exercises every known-equivalent fault pair and fault rule in at least one recorded pair', () => {
    const expectedRules = new Set(fixtures.flatMap((fixture) => fixture.expected.map((expected) => expected.rule)));
    const faultRules = [...faultEquivalences.map((pair) => pair.name), messageCaseRule.name, sameFaultFallback.name];
    expect(faultRules.filter((rule) => !expectedRules.has(rule))).toEqual([]);
  });

  it.each(fixtures.map((fixture) => [`${fixture.description} (${fixture.file})`, fixture] as const))('%s', (_title, fixture) => {
    const output = compareStep(toCompareInput(fixture));
    const unmatched = [...output.differences];
    const missing: string[] = [];
    for (const expected of fixture.expected) {
      const index = unmatched.findIndex((actual) => matches(expected, actual));
      if (index < 0) missing.push(describeDifference({ area: expected.area ?? ('*' as Difference['area']), ...expected }));
      else unmatched.splice(index, 1);
    }
    expect({ description: fixture.description, missing, unexpected: unmatched.map(describeDifference) }).toEqual({
      description: fixture.description,
      missing: [],
      unexpected: [],
    });
    for (const difference of output.differences) {
      if (difference.disposition === 'accepted') {
        expect(difference.rule).toEqual(expect.any(String));
        expect(difference.reason).toEqual(expect.any(String));
      }
      expect(difference.rule).not.toBe(unexplainedRule);
    }
  });
});
