import type { AuthConfig, Secret, TargetConfig } from '../config/types';
import { AuthError } from '../errors';
import type { Redactor } from '../execute/redactor';
import type { Pacer } from '../execute/types';
import { inspectToken } from './inspectToken';
import { requestToken, type TokenEndpoint, type TokenRequestDeps, type TokenResponse } from './requestToken';
import type { AccessToken, TokenProvider } from './types';

export interface TokenProviderDeps {
  redactor: Redactor;
  timeoutMs: number;
  tlsVerify: boolean;
  /** The run's pacer; token requests go through it (and through the target's network settings and retries). */
  pacer?: Pacer;
  signal?: AbortSignal;
  /** Clock (epoch ms); tests pass a fake one to step through expiry. */
  now?: () => number;
}

/** A token is renewed this long before it expires, or 10% of its lifetime if that is shorter. */
const tokenRenewal = { maxMarginMs: 60_000, lifetimeFraction: 0.1 } as const;

/**
 * The token provider for one target's auth config. Secrets are registered with the redactor
 * the moment they are known: the client secret and password now, each issued token as soon as
 * it arrives.
 *
 * - `client_credentials` / `password`: tokens cached per scope set until shortly before expiry;
 *   concurrent callers share one request; an expired token with a refresh token is refreshed
 *   (`refresh_token` grant), falling back to the configured grant if the refresh is refused.
 * - `static`: the configured token.
 * - `none`: a token with an empty value and type `none` — send no `Authorization` header.
 */
export function createTokenProvider(target: TargetConfig, deps: TokenProviderDeps): TokenProvider {
  const { auth } = target;
  const now = deps.now ?? Date.now;
  switch (auth.kind) {
    case 'none':
      return { getToken: async () => ({ value: '', tokenType: 'none', expiresAt: null, expiresIn: null, scopes: [] }), invalidate: () => undefined };
    case 'static': {
      const value = auth.token.reveal();
      deps.redactor.add(value, `${target.name}.access_token`);
      const token = staticToken(value, now());
      return { getToken: async () => token, invalidate: () => undefined };
    }
    case 'api_key': {
      // Not a token: the key itself, sent in its header (buildRequest) instead of Authorization.
      const value = auth.key.reveal();
      deps.redactor.add(value, `${target.name}.api_key`);
      const key: AccessToken = { value, tokenType: 'api_key', expiresAt: null, expiresIn: null, scopes: [], header: auth.header };
      return { getToken: async () => key, invalidate: () => undefined };
    }
    case 'client_credentials':
    case 'password':
      return new OAuthTokenProvider(target, auth, { ...deps, now });
    default: {
      const never: never = auth;
      throw new Error(`unknown auth kind ${JSON.stringify(never)}`);
    }
  }
}

type GrantAuth = Extract<AuthConfig, { kind: 'client_credentials' | 'password' }>;

interface CacheEntry {
  token: AccessToken;
  /** Epoch ms after which the token is renewed; null = never expires. */
  renewAt: number | null;
}

class OAuthTokenProvider implements TokenProvider {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, Promise<AccessToken>>();
  private readonly endpoint: TokenEndpoint;
  private readonly deps: TokenProviderDeps & TokenRequestDeps & { now: () => number };

  constructor(
    target: TargetConfig,
    private readonly auth: GrantAuth,
    deps: TokenProviderDeps & { now: () => number },
  ) {
    this.deps = { ...deps, network: target.network, retry: target.retry };
    const secret = auth.clientSecret.reveal();
    deps.redactor.addClientCredentials(auth.clientId, secret, `${target.name}.client_secret`);
    if (auth.kind === 'password') deps.redactor.add(auth.password.reveal(), `${target.name}.password`);
    const envPrefix = target.name.toUpperCase();
    const clientSecretVar = variableName(auth.clientSecret, `${envPrefix}_CLIENT_SECRET`);
    this.endpoint = {
      target: target.name,
      profile: target.profile,
      tokenUrl: auth.tokenUrl,
      clientId: auth.clientId,
      clientSecret: secret,
      envPrefix,
      clientSecretVar,
      clientIdVar: clientSecretVar.endsWith('_CLIENT_SECRET') ? clientSecretVar.replace(/SECRET$/, 'ID') : `${envPrefix}_CLIENT_ID`,
      usernameVar: auth.kind === 'password' ? `${envPrefix}_USERNAME` : undefined,
      passwordVar: auth.kind === 'password' ? variableName(auth.password, `${envPrefix}_PASSWORD`) : undefined,
    };
  }

  getToken(scopes?: string[]): Promise<AccessToken> {
    const requested = scopes === undefined ? this.configuredScope() : normalizeScopes(scopes);
    // undefined (no scope parameter) and [] (an empty `scope=`) are different requests.
    const key = requested === undefined ? '\u0000no-scope' : requested.join(' ');
    const cached = this.cache.get(key);
    if (cached && (cached.renewAt === null || this.deps.now() < cached.renewAt)) return Promise.resolve(cached.token);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const request = this.fetch(requested, cached?.token.refreshToken)
      .then((token) => {
        this.cache.set(key, { token, renewAt: renewAt(token, this.deps.now()) });
        return token;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  invalidate(): void {
    // Keep refresh tokens: after a 401 the next getToken refreshes instead of starting over.
    for (const entry of this.cache.values()) entry.renewAt = Number.NEGATIVE_INFINITY;
  }

  private async fetch(scopes: string[] | undefined, refreshToken: string | undefined): Promise<AccessToken> {
    const scopeParam: Record<string, string> = scopes === undefined ? {} : { scope: scopes.join(' ') };
    if (refreshToken !== undefined) {
      try {
        const response = await requestToken(this.endpoint, { grant_type: 'refresh_token', refresh_token: refreshToken, ...scopeParam }, this.deps);
        return this.toAccessToken(response, scopes, refreshToken);
      } catch (error) {
        // A refused refresh (expired, revoked) is routine: fall back to the configured grant.
        if (!(error instanceof AuthError)) throw error;
      }
    }
    const form: Record<string, string> =
      this.auth.kind === 'password'
        ? { grant_type: 'password', username: this.auth.username, password: this.auth.password.reveal(), ...scopeParam }
        : { grant_type: 'client_credentials', ...scopeParam };
    return this.toAccessToken(await requestToken(this.endpoint, form, this.deps), scopes, undefined);
  }

  private toAccessToken(response: TokenResponse, requested: string[] | undefined, previousRefreshToken: string | undefined): AccessToken {
    const issuedAt = this.deps.now();
    const expiresIn = response.expiresIn;
    // RFC 6749 §5.1: without `scope` in the answer, the granted scope is the requested one.
    const scopes = response.scope !== undefined ? normalizeScopes(response.scope.split(/\s+/)) : (requested ?? []);
    // A refresh that issues no new refresh token leaves the old one valid (RFC 6749 §6).
    const refreshToken = response.refreshToken ?? previousRefreshToken;
    return {
      value: response.accessToken,
      tokenType: response.tokenType,
      // expires_in < 0: never expires (API Cloud's validity_period=-1, facts §1).
      expiresAt: expiresIn === null || expiresIn < 0 ? null : issuedAt + expiresIn * 1000,
      expiresIn,
      scopes,
      refreshToken,
    };
  }

  private configuredScope(): string[] | undefined {
    return this.auth.scope === undefined ? undefined : normalizeScopes(this.auth.scope.split(/\s+/));
  }
}

function renewAt(token: AccessToken, issuedAt: number): number | null {
  if (token.expiresAt === null) return null;
  const lifetime = token.expiresAt - issuedAt;
  return token.expiresAt - Math.min(tokenRenewal.maxMarginMs, lifetime * tokenRenewal.lifetimeFraction);
}

function normalizeScopes(scopes: string[]): string[] {
  return [...new Set(scopes.map((s) => s.trim()).filter((s) => s !== ''))].sort();
}

/** The environment variable behind a secret, when its `source` names one. */
function variableName(secret: Secret, fallback: string): string {
  return /^[A-Z][A-Z0-9_]*$/.test(secret.source) ? secret.source : fallback;
}

/** A configured token; a JWT's own `exp` and `scope` say how long and for what it is good. */
function staticToken(value: string, now: number): AccessToken {
  const inspected = inspectToken(value);
  const exp = inspected.claims?.['exp'];
  const scope = inspected.claims?.['scope'];
  const expiresAt = typeof exp === 'number' ? exp * 1000 : null;
  return {
    value,
    tokenType: 'Bearer',
    expiresAt,
    expiresIn: expiresAt === null ? null : Math.round((expiresAt - now) / 1000),
    scopes: typeof scope === 'string' ? normalizeScopes(scope.split(/\s+/)) : [],
  };
}
