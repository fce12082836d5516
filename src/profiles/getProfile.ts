import type { ProfileName } from '../config/types';
import { ConfigError } from '../errors';
import { apicloudProfile } from './apicloud';
import { choreoProfile } from './choreo';
import { genericProfile } from './generic';
import type { Profile } from './types';

const profiles: Record<ProfileName, Profile> = {
  apicloud: apicloudProfile,
  choreo: choreoProfile,
  generic: genericProfile,
};

/** The built-in profile of that name; an unknown name (only possible from untyped input) is a ConfigError listing the known ones. */
export function getProfile(name: ProfileName): Profile {
  const profile = (profiles as Partial<Record<string, Profile>>)[name];
  if (!profile) {
    throw new ConfigError(`unknown profile "${String(name)}"`, { hint: `Use one of: ${Object.keys(profiles).join(', ')}.` });
  }
  return profile;
}
