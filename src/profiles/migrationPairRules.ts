import type { ProfileName } from '../config/types';
import { envoyCorsRule, type CorsPairRule } from './corsRules';
import { apiCloudChoreoFaultEquivalences } from './faultEquivalences';
import type { FaultEquivalence } from './types';

/**
 * Gateway knowledge that holds only for a pair of platforms, chosen by (legacy profile,
 * candidate profile): an API Cloud → Choreo run accepts the fault equivalences and the Envoy CORS
 * behaviour of that migration; a choreo → choreo or generic run gets none of them (its faults
 * must agree by status and code, and its CORS headers are compared as they are).
 */
export interface MigrationPairRules {
  /** `apicloud→choreo`. */
  name: string;
  faultEquivalences: readonly FaultEquivalence[];
  cors?: CorsPairRule;
}

const knownPairs: ReadonlyArray<{ legacy: ProfileName; candidate: ProfileName; rules: Omit<MigrationPairRules, 'name'> }> = [
  { legacy: 'apicloud', candidate: 'choreo', rules: { faultEquivalences: apiCloudChoreoFaultEquivalences, cors: envoyCorsRule } },
];

const cache = new Map<string, MigrationPairRules>();

export function migrationPairRules(legacy: ProfileName, candidate: ProfileName): MigrationPairRules {
  const name = `${legacy}→${candidate}`;
  let rules = cache.get(name);
  if (!rules) {
    const known = knownPairs.find((pair) => pair.legacy === legacy && pair.candidate === candidate);
    rules = { name, faultEquivalences: [], ...known?.rules };
    cache.set(name, rules);
  }
  return rules;
}
