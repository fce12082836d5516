import type { ProfileName } from '../config/types';
import { credentialsOrigin, passwordUserNameHint } from '../profiles/credentialHints';

/** Names people recognise in hints: the variables that hold each credential. */
export interface HintContext {
  profile: ProfileName;
  /** `LEGACY` or `CANDIDATE`. */
  envPrefix: string;
  clientIdVar: string;
  clientSecretVar: string;
  usernameVar?: string;
  passwordVar?: string;
}

/** What to do about an OAuth2 `error` code (RFC 6749 §5.2), in this target's terms. */
export function oauthErrorHint(code: string, grant: string, ctx: HintContext): string {
  switch (code) {
    case 'invalid_client':
      return `check ${ctx.clientIdVar} / ${ctx.clientSecretVar} (${credentialsOrigin(ctx.profile)})`;
    case 'invalid_grant':
      if (grant === 'refresh_token') return 'the refresh token expired or was revoked; a new token is requested with the configured grant';
      if (grant === 'password') {
        const names = ctx.usernameVar && ctx.passwordVar ? `${ctx.usernameVar} / ${ctx.passwordVar}` : 'the user name and password';
        return `check ${names}${passwordUserNameHint(ctx.profile)}`;
      }
      return `the ${grant} grant was refused; check the application's grant settings`;
    case 'invalid_scope':
      return `the application may not have the requested scope(s); check ${ctx.envPrefix}_SCOPE and the scopes of the APIs it subscribes to`;
    case 'unauthorized_client':
    case 'unsupported_grant_type':
      return `enable the ${grant} grant type for the application (${credentialsOrigin(ctx.profile)})`;
    case 'invalid_request':
      return `the token endpoint rejected the request's form; check ${ctx.envPrefix}_TOKEN_URL and the grant settings`;
    case 'temporarily_unavailable':
    case 'server_error':
      return 'the token endpoint has a problem of its own; try again later';
    default:
      return `see the token endpoint's documentation for "${code}"`;
  }
}
