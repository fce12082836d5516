import type { ProfileName } from '../config/types';

/** Where a target's OAuth2 client credentials come from, in that platform's words. */
export function credentialsOrigin(profile: ProfileName): string {
  switch (profile) {
    case 'choreo':
      // Gateway facts §7: customers re-create applications (new consumer key/secret) on Choreo.
      return 'consumer key/secret re-created in Choreo';
    case 'apicloud':
      return "the API Cloud application's consumer key/secret";
    case 'generic':
      return "the application's consumer key/secret";
    default: {
      const never: never = profile;
      throw new Error(`unknown profile ${String(never)}`);
    }
  }
}

/** What a refused password grant should make the user check about the user name, per platform. */
export function passwordUserNameHint(profile: ProfileName): string {
  // Gateway facts §1: API Cloud's password grant wants `<email>@<orgKey>` as the user name.
  return profile === 'apicloud' ? ' (API Cloud user names are <email>@<orgKey>)' : '';
}
