import type { TargetName } from '../model/result';
import { defaultProfiles, targetDefaults } from './defaults';
import type { EnvReader } from './envReader';
import type { AuthConfig, TargetConfig } from './types';
import { grantKinds, targetVariable, type GrantKind, type TargetVariable } from './variables';
import { profileNames } from './types';

export interface TargetReadOutcome {
  config: TargetConfig;
  /** A token URL is missing but the sandbox (not started yet) will supply it. */
  awaitingSandbox: boolean;
}

/**
 * Reads `LEGACY_*` or `CANDIDATE_*` into a target. What is required depends on the grant; a side
 * replayed from a baseline (`*_BASELINE`) is never called, so it needs no credentials.
 */
export function readTarget(reader: EnvReader, target: TargetName, apis: TargetConfig['apis'], context: { sandbox: boolean }): TargetReadOutcome {
  const name = (suffix: TargetVariable) => targetVariable(target, suffix);
  const baselineDir = reader.path(name('BASELINE'));
  const grant = reader.oneOf<GrantKind>(name('GRANT'), grantKinds, targetDefaults.grant);
  const grantText = reader.raw(name('GRANT'))
    ? `${name('GRANT')}=${grant} needs it`
    : `the ${target} grant is ${grant} (the default; set ${name('GRANT')} to change it) and needs it`;
  let awaitingSandbox = false;
  const required = <T>(suffix: TargetVariable, read: (variable: string) => T | undefined): T | undefined => {
    const variable = name(suffix);
    const value = read(variable);
    if (value !== undefined || baselineDir !== undefined) return value;
    // The sandbox picks its ports when it starts, so its URLs cannot be in env/sandbox.env.
    if (context.sandbox && suffix === 'TOKEN_URL') {
      awaitingSandbox = true;
      return undefined;
    }
    reader.missing(variable, grantText);
    return undefined;
  };
  const auth = readAuth(grant, required, (suffix) => reader.string(name(suffix)));
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
      rateLimit: {
        perMinute: reader.integer(name('RATE_LIMIT_PER_MIN'), targetDefaults.rateLimitPerMin),
        concurrency: reader.integer(name('CONCURRENCY'), targetDefaults.concurrency),
      },
      retry: {
        throttled: reader.integer(name('RETRY_THROTTLED'), targetDefaults.retryThrottled),
        transient: reader.integer(name('RETRY_TRANSIENT'), targetDefaults.retryTransient),
        backoffMs: reader.integer(name('RETRY_BACKOFF_MS'), targetDefaults.retryBackoffMs),
      },
      ...(baselineDir === undefined ? {} : { baselineDir }),
      ...(jwksUrl === undefined ? {} : { jwksUrl }),
      ...(issuer === undefined ? {} : { issuer }),
      ...(revokeUrl === undefined ? {} : { revokeUrl }),
    },
    awaitingSandbox,
  };

  function readAuth(
    kind: GrantKind,
    need: <T>(suffix: TargetVariable, read: (variable: string) => T | undefined) => T | undefined,
    optional: (suffix: TargetVariable) => string | undefined,
  ): AuthConfig {
    switch (kind) {
      case 'none':
        return { kind: 'none' };
      case 'static': {
        const token = need('TOKEN', (variable) => reader.secret(variable));
        return token ? { kind: 'static', token } : { kind: 'none' };
      }
      case 'client_credentials':
      case 'password': {
        const tokenUrl = need('TOKEN_URL', (variable) => reader.url(variable)) ?? '';
        const clientId = need('CLIENT_ID', (variable) => reader.string(variable));
        const clientSecret = need('CLIENT_SECRET', (variable) => reader.secret(variable));
        const scope = optional('SCOPE');
        const scopePart = scope === undefined ? {} : { scope };
        if (kind === 'client_credentials') {
          return clientId !== undefined && clientSecret ? { kind, tokenUrl, clientId, clientSecret, ...scopePart } : { kind: 'none' };
        }
        const username = need('USERNAME', (variable) => reader.string(variable));
        const password = need('PASSWORD', (variable) => reader.secret(variable));
        return clientId !== undefined && clientSecret && username !== undefined && password
          ? { kind, tokenUrl, clientId, clientSecret, username, password, ...scopePart }
          : { kind: 'none' };
      }
      default: {
        const never: never = kind;
        throw new Error(`unknown grant ${String(never)}`);
      }
    }
  }
}
