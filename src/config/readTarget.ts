import type { TargetName } from '../model/result';
import { defaultProfiles, targetDefaults } from './defaults';
import type { EnvReader } from './envReader';
import { readNetwork } from './readNetwork';
import { profileNames, type AuthConfig, type Secret, type TargetConfig } from './types';
import { grantKinds, targetVariable, type GrantKind, type TargetVariable } from './variables';

export interface TargetReadOutcome {
  config: TargetConfig;
  /** A token URL is missing but the sandbox (not started yet) will supply it. */
  awaitingSandbox: boolean;
}

/** Reads of one target's variables that the grant requires; a missing one is reported. */
interface Required {
  url(suffix: TargetVariable): string | undefined;
  text(suffix: TargetVariable): string | undefined;
  secret(suffix: TargetVariable): Secret | undefined;
}

/**
 * Reads `LEGACY_*` or `CANDIDATE_*` into a target. What is required depends on the grant; a side
 * replayed from a baseline (`*_BASELINE`) is never called, so it needs no credentials.
 */
export function readTarget(reader: EnvReader, target: TargetName, apis: TargetConfig['apis'], context: { sandbox: boolean }): TargetReadOutcome {
  const name = (suffix: TargetVariable) => targetVariable(target, suffix);
  const baselineDir = reader.path(name('BASELINE'));
  const grant = reader.oneOf<GrantKind>(name('GRANT'), grantKinds, targetDefaults.grant);
  const because = reader.raw(name('GRANT'))
    ? `${name('GRANT')}=${grant} needs it`
    : `the ${target} grant is ${grant} (the default; set ${name('GRANT')} to change it) and needs it`;
  let awaitingSandbox = false;
  const need = <T>(suffix: TargetVariable, read: (variable: string) => T | undefined): T | undefined => {
    const variable = name(suffix);
    const value = read(variable);
    // Set but invalid was reported by the read itself; a replayed side needs no credentials.
    if (value !== undefined || baselineDir !== undefined || reader.raw(variable)) return value;
    // The sandbox picks its ports when it starts, so its token URLs cannot be in env/sandbox.env.
    if (context.sandbox && suffix === 'TOKEN_URL') awaitingSandbox = true;
    else reader.missing(variable, because);
    return undefined;
  };
  const required: Required = {
    url: (suffix) => need(suffix, (variable) => reader.url(variable)),
    text: (suffix) => need(suffix, (variable) => reader.string(variable)),
    secret: (suffix) => need(suffix, (variable) => reader.secret(variable)),
  };
  const auth = readAuth(grant, required, reader.string(name('SCOPE')), reader.string(name('API_KEY_HEADER')) ?? targetDefaults.apiKeyHeader);
  const jwksUrl = reader.url(name('JWKS_URL'));
  const issuer = reader.string(name('ISSUER'));
  const revokeUrl = reader.url(name('REVOKE_URL'));
  return {
    config: {
      name: target,
      profile: reader.oneOf(name('PROFILE'), profileNames, defaultProfiles[target]),
      apis,
      auth,
      tlsVerify: reader.boolean(name('TLS_VERIFY'), targetDefaults.tlsVerify),
      network: readNetwork(reader, target, context),
      rateLimit: {
        perMinute: reader.integer(name('RATE_LIMIT_PER_MIN'), targetDefaults.rateLimitPerMin),
        concurrency: reader.integer(name('CONCURRENCY'), targetDefaults.concurrency),
      },
      retry: {
        throttled: reader.integer(name('RETRY_THROTTLED'), targetDefaults.retryThrottled),
        transient: reader.integer(name('RETRY_TRANSIENT'), targetDefaults.retryTransient),
        backoffMs: reader.integer(name('RETRY_BACKOFF_MS'), targetDefaults.retryBackoffMs),
      },
      baselineDir,
      jwksUrl,
      issuer,
      revokeUrl,
    },
    awaitingSandbox,
  };
}

/**
 * The grant's settings. Incomplete credentials (already reported, or not needed because the side
 * is replayed) leave `{ kind: 'none' }`; a token URL the sandbox will supply is left empty.
 */
function readAuth(grant: GrantKind, required: Required, scope: string | undefined, apiKeyHeader: string): AuthConfig {
  switch (grant) {
    case 'none':
      return { kind: 'none' };
    case 'api_key': {
      const key = required.secret('API_KEY');
      return key ? { kind: 'api_key', header: apiKeyHeader.toLowerCase(), key } : { kind: 'none' };
    }
    case 'static': {
      const token = required.secret('TOKEN');
      return token ? { kind: 'static', token } : { kind: 'none' };
    }
    case 'client_credentials':
    case 'password': {
      const tokenUrl = required.url('TOKEN_URL') ?? '';
      const clientId = required.text('CLIENT_ID');
      const clientSecret = required.secret('CLIENT_SECRET');
      // Read (and so report) everything the grant needs before giving up on any of it.
      const user = grant === 'password' ? { username: required.text('USERNAME'), password: required.secret('PASSWORD') } : undefined;
      const scopePart = scope === undefined ? {} : { scope };
      if (clientId === undefined || !clientSecret) return { kind: 'none' };
      if (!user) return { kind: 'client_credentials', tokenUrl, clientId, clientSecret, ...scopePart };
      const { username, password } = user;
      return username !== undefined && password ? { kind: 'password', tokenUrl, clientId, clientSecret, username, password, ...scopePart } : { kind: 'none' };
    }
    default: {
      const never: never = grant;
      throw new Error(`unknown grant ${String(never)}`);
    }
  }
}
