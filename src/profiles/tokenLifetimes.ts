import type { ProfileName } from '../config/types';
import { documented } from './gatewayDoc';

/** Default access-token lifetimes in seconds (gateway facts §1): API Cloud 3600 s, Choreo 900 s. */
const defaultTokenLifetimeSec: Readonly<Partial<Record<ProfileName, number>>> = { apicloud: 3600, choreo: 900 };

/** Why two different token lifetimes are accepted (both above the configured minimum). */
export function tokenLifetimeReason(profiles: Record<'legacy' | 'candidate', ProfileName>, candidateSec: number | undefined, minimumSec: number): string {
  const l = defaultTokenLifetimeSec[profiles.legacy];
  const c = defaultTokenLifetimeSec[profiles.candidate];
  const defaults = l !== undefined && c !== undefined && l !== c ? ` (${profiles.legacy} defaults to ${l} s, ${profiles.candidate} to ${c} s)` : '';
  return documented('token-lifetime', `lifetimes differ${defaults}; clients must refresh sooner, and ${candidateSec} s is above the minimum of ${minimumSec} s`);
}

export const tokenFormatReason = documented('token-format', 'opaque → JWT is the documented change of the migration; clients must treat tokens as opaque strings of any length');
