import type { Difference } from '../model/result';
import { pathsRelated, toDifference, type Finding } from './findings';
import { noiseExcuseFor, variationOf, variationsAt, variationWords, type NoiseBaseline } from './noise';
import type { CompiledRules } from './userRules';
import { userAcceptance } from './userRuleExplain';

export interface DispositionContext {
  rules: CompiledRules;
  /** This step's legacy self-disagreements, by place and kind (empty without a noise baseline). */
  noise: NoiseBaseline;
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
  const excuse = noiseExcuseFor(finding, context.noise);
  if (excuse) {
    const difference = toDifference(
      finding,
      'noise',
      undefined,
      `the legacy itself ${variationWords[excuse.variation]} at ${excuse.path} between two calls (first ${show(excuse.first)}, repeat ${show(excuse.repeat)})`,
    );
    difference.noise = excuse;
    return difference;
  }
  const seen = variationsAt(finding, context.noise);
  if (seen.length === 0) return toDifference(finding, 'regression', undefined, finding.collective ? collectiveReason(finding) : undefined);
  // The legacy varied here, but not in this way: say so, so nobody reads it as a flaky path.
  const what = seen.map((excuse) => variationWords[excuse.variation]).join(' and ');
  return toDifference(finding, 'regression', undefined, `not noise: the legacy only ${what} at this place, while the candidate ${candidateWords[variationOf(finding)]}`);
}

/** One sentence for a difference that stands for several. */
function collectiveReason(finding: Finding): string | undefined {
  const collective = finding.collective;
  if (!collective) return undefined;
  switch (collective.kind) {
    case 'reordered':
      return `same ${Array.isArray(finding.legacy) ? finding.legacy.length : collective.count} elements, another order (${collective.count} element differences told as one)`;
    case 'renamed':
      return `renamed to ${collective.paths[1] ?? '?'} with an equal value`;
    case 'map-keys':
      return `the keys of this map differ (${collective.count} keys): they look like ids each side generated`;
    default: {
      const never: never = collective.kind;
      throw new Error(`unknown collective difference ${String(never)}`);
    }
  }
}

const candidateWords: Record<ReturnType<typeof variationOf>, string> = {
  value: 'changed the value',
  type: 'changed the JSON type',
  presence: 'lacks or adds the field',
  length: 'changed the array length',
  keys: 'changed the object keys',
  order: 'reordered the elements',
};

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
