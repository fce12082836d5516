import type { TargetName } from '../model/result';
import { didYouMean } from '../shared/didYouMean';
import { profileNames } from './types';

/**
 * Every variable the harness reads, in one table: how to parse it and what it is for. The
 * loader validates against it, suggests the nearest name for a typo, and takes hints from it;
 * `env/example.env` documents the same list for people.
 */
type VariableKind =
  | { type: 'boolean' }
  | { type: 'integer'; min: number }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'string' }
  | { type: 'url' }
  | { type: 'secret' }
  | { type: 'path' };

export interface VariableInfo {
  kind: VariableKind;
  /** What to put there, for "add X=… to env/staging.env" hints. */
  describes: string;
}

export const grantKinds = ['client_credentials', 'password', 'static', 'api_key', 'none'] as const;
export type GrantKind = (typeof grantKinds)[number];
export const followRedirectModes = ['same-host', 'never', 'any'] as const;
export const tokenScopeModes = ['equal', 'superset'] as const;

const bool = { type: 'boolean' } as const;
const int = (min: number) => ({ type: 'integer', min }) as const;

const runVariables = {
  PARITY_ENV: { kind: { type: 'string' }, describes: 'the environment name: selects env/<name>.env' },
  PARITY_PRODUCTION: { kind: bool, describes: 'whether the targets are production (mutating cases are then refused)' },
  PARITY_SANDBOX: { kind: bool, describes: 'whether to start the built-in sandbox and test against it' },
  PARITY_SANDBOX_DRIFT: { kind: bool, describes: 'whether the sandbox candidate drifts on purpose' },
  PARITY_ALLOW_WRITES: { kind: bool, describes: 'whether mutating cases may run against production (flag or process environment only)' },
  PARITY_CONCURRENCY: { kind: int(1), describes: 'the number of cases run at once' },
  PARITY_TIMEOUT_MS: { kind: int(1), describes: 'the per-request timeout in milliseconds' },
  PARITY_RUN_TIMEOUT_MS: { kind: int(0), describes: 'the whole-run timeout in milliseconds (0 = none)' },
  PARITY_NOISE_CALLS: { kind: int(1), describes: 'the number of legacy calls per idempotent step for the noise baseline (1 = off)' },
  PARITY_REPORTS_DIR: { kind: { type: 'string' }, describes: 'the reports folder, relative to the project root' },
  PARITY_STRICT_CONTRACT: { kind: bool, describes: 'whether OpenAPI violations that both sides share fail the case' },
  PARITY_FOLLOW_REDIRECTS: { kind: { type: 'enum', values: followRedirectModes }, describes: 'the redirects that are followed' },
  PARITY_MAX_RECORDED_BODY_BYTES: {
    kind: int(0),
    describes: 'the largest body, in bytes, the reports keep whole; a larger one is compared whole and recorded as its head with its size and sha256',
  },
  PARITY_TOKEN_MIN_LIFETIME: { kind: int(0), describes: 'the minimum candidate token lifetime in seconds' },
  PARITY_TOKEN_SCOPES: { kind: { type: 'enum', values: tokenScopeModes }, describes: 'how granted scopes must compare (equal: the same on both sides; superset: the candidate may grant more)' },
} as const satisfies Record<string, VariableInfo>;

type RunVariable = keyof typeof runVariables;

/** Per-target variables, written `LEGACY_<suffix>` and `CANDIDATE_<suffix>`. */
const targetVariables = {
  PROFILE: { kind: { type: 'enum', values: profileNames }, describes: 'the gateway profile' },
  GRANT: { kind: { type: 'enum', values: grantKinds }, describes: 'how the harness gets an access token' },
  TOKEN_URL: { kind: { type: 'url' }, describes: 'the OAuth2 token endpoint, e.g. https://gateway.api.cloud.wso2.com/token' },
  CLIENT_ID: { kind: { type: 'string' }, describes: "the application's OAuth2 client id (API Cloud: consumer key)" },
  CLIENT_SECRET: { kind: { type: 'secret' }, describes: "the application's OAuth2 client secret (API Cloud: consumer secret)" },
  USERNAME: { kind: { type: 'string' }, describes: 'the user for the password grant' },
  PASSWORD: { kind: { type: 'secret' }, describes: "the password grant user's password" },
  TOKEN: { kind: { type: 'secret' }, describes: 'a ready-made access token (static grant)' },
  SCOPE: { kind: { type: 'string' }, describes: 'the space-separated scopes to request' },
  TLS_VERIFY: { kind: bool, describes: 'whether TLS certificates are verified (false only for self-signed test gateways)' },
  RATE_LIMIT_PER_MIN: { kind: int(1), describes: 'the requests per minute this target may receive (empty = unlimited)' },
  CONCURRENCY: { kind: int(1), describes: 'the number of requests in flight at once on this target' },
  RETRY_THROTTLED: { kind: int(0), describes: 'the number of retries after a 429' },
  RETRY_TRANSIENT: { kind: int(0), describes: 'the number of retries after a 502/503/504 or a reset connection (idempotent methods only)' },
  RETRY_BACKOFF_MS: { kind: int(0), describes: 'the first retry delay in milliseconds (doubles each attempt)' },
  BASELINE: { kind: { type: 'path' }, describes: 'a recorded baseline folder to replay instead of calling live' },
  JWKS_URL: { kind: { type: 'url' }, describes: "the token issuer's JWKS endpoint, to verify JWT access tokens" },
  ISSUER: { kind: { type: 'string' }, describes: 'the expected "iss" of JWT access tokens' },
  REVOKE_URL: { kind: { type: 'url' }, describes: 'the token revocation endpoint' },
  API_KEY: { kind: { type: 'secret' }, describes: 'the API key sent with every request (api_key grant)' },
  API_KEY_HEADER: { kind: { type: 'string' }, describes: 'the header the API key is sent in (api_key grant; default apikey)' },
  PROXY: { kind: { type: 'string' }, describes: 'the forward proxy for this target, overriding HTTP_PROXY/HTTPS_PROXY (a URL, or direct)' },
  CA_FILE: { kind: { type: 'path' }, describes: "a PEM bundle of the CAs that sign this target's certificates (added to the public roots)" },
  CLIENT_CERT: { kind: { type: 'path' }, describes: 'the PEM client certificate for mutual TLS' },
  CLIENT_KEY: { kind: { type: 'path' }, describes: "the PEM private key of the client certificate (keep it out of git)" },
} as const satisfies Record<string, VariableInfo>;

/** `<TARGET>_PROXY` values that mean "no proxy for this target". */
export const directProxyWords: readonly string[] = ['direct', 'none', 'off'];

/**
 * The proxy convention of curl, npm and Newman: upper-case names (settable in env files too) and
 * their lower-case spellings from the process environment (curl reads only `http_proxy` lower-case).
 */
export const networkVariables = {
  HTTP_PROXY: { names: ['HTTP_PROXY', 'http_proxy'], info: { kind: { type: 'string' }, describes: 'the forward proxy for http:// requests (both targets)' } },
  HTTPS_PROXY: { names: ['HTTPS_PROXY', 'https_proxy'], info: { kind: { type: 'string' }, describes: 'the forward proxy for https:// requests (both targets)' } },
  NO_PROXY: { names: ['NO_PROXY', 'no_proxy'], info: { kind: { type: 'string' }, describes: 'hosts reached without the proxy, comma-separated (example.com, .corp, host:8443, *)' } },
} as const satisfies Record<string, { names: readonly string[]; info: VariableInfo }>;

export type TargetVariable = keyof typeof targetVariables;

/** Per-API variables, written `PARITY_API_<NAME>_<suffix>`. */
export const apiVariables = {
  OPENAPI: { kind: { type: 'path' }, describes: 'the OpenAPI/Swagger document, relative to the project root' },
  LEGACY_TIER: { kind: { type: 'string' }, describes: 'the API Cloud throttling tier (Gold, Silver, Bronze, Unlimited or N/min)' },
  CANDIDATE_POLICY: { kind: { type: 'string' }, describes: 'the Choreo rate-limiting policy (e.g. 10K/min, or N/min)' },
} as const satisfies Record<string, VariableInfo>;

export const targetPrefixes: Record<TargetName, string> = { legacy: 'LEGACY', candidate: 'CANDIDATE' };

/** Read by the sandbox starter, passed through untouched (`EnvConfig.sandboxSettings`). */
export const sandboxVariablePrefix = 'PARITY_SANDBOX_';

const apiUrlPattern = /^(LEGACY|CANDIDATE)_API_([A-Z0-9_]+)_URL$/;
const apiSettingPattern = /^PARITY_API_([A-Z0-9_]+?)_(OPENAPI|LEGACY_TIER|CANDIDATE_POLICY)$/;

/** `pizzashack` → `PIZZASHACK`, `order-api` → `ORDER_API`: the API's part of a variable name. */
export function apiEnvKey(api: string): string {
  return api.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

export function targetVariable(target: TargetName, suffix: TargetVariable): string {
  return `${targetPrefixes[target]}_${suffix}`;
}

export function apiUrlVariable(target: TargetName, api: string): string {
  return `${targetPrefixes[target]}_API_${apiEnvKey(api)}_URL`;
}

export function parseApiUrlVariable(name: string): { target: TargetName; key: string } | undefined {
  const match = apiUrlPattern.exec(name);
  if (!match) return undefined;
  return { target: match[1] === 'LEGACY' ? 'legacy' : 'candidate', key: match[2]! };
}

export function parseApiSettingVariable(name: string): { key: string; setting: keyof typeof apiVariables } | undefined {
  const match = apiSettingPattern.exec(name);
  return match ? { key: match[1]!, setting: match[2] as keyof typeof apiVariables } : undefined;
}

/** Every fixed variable name (no per-API ones): the candidates for "did you mean". */
export function fixedVariableNames(): string[] {
  const perTarget = Object.values(targetPrefixes).flatMap((prefix) => Object.keys(targetVariables).map((suffix) => `${prefix}_${suffix}`));
  return [...Object.keys(runVariables), ...Object.keys(networkVariables), ...perTarget];
}

/** Describes a variable for hints, whatever family it belongs to. */
export function describeVariable(name: string): VariableInfo | undefined {
  if (name in runVariables) return runVariables[name as RunVariable];
  if (name in networkVariables) return networkVariables[name as keyof typeof networkVariables].info;
  const target = /^(?:LEGACY|CANDIDATE)_(.+)$/.exec(name)?.[1];
  if (target && target in targetVariables) return targetVariables[target as TargetVariable];
  if (parseApiUrlVariable(name)) return { kind: { type: 'url' }, describes: "the API's base URL on that gateway (context + version)" };
  const api = parseApiSettingVariable(name);
  return api ? apiVariables[api.setting] : undefined;
}

/** Names that belong to the harness: the fixed ones, the per-API patterns and the sandbox's. */
export function isKnownVariable(name: string): boolean {
  return describeVariable(name) !== undefined || name.startsWith(sandboxVariablePrefix);
}

/** The nearest known name for an unknown one (per-API names are compared by their shape). */
export function suggestVariable(name: string): string | undefined {
  const apiUrl = /^(LEGACY|CANDIDATE)_AP[A-Z]?_(.+?)_UR[A-Z]?$/i.exec(name);
  if (apiUrl) return `${apiUrl[1]!.toUpperCase()}_API_${apiEnvKey(apiUrl[2]!)}_URL`;
  const fixed = didYouMean(name, fixedVariableNames());
  if (fixed) return fixed;
  const apiSetting = /^PARITY_AP[A-Z]?_([A-Z0-9_]+?)_([A-Z_]+)$/.exec(name);
  if (apiSetting) {
    const setting = didYouMean(apiSetting[2]!, Object.keys(apiVariables));
    if (setting) return `PARITY_API_${apiSetting[1]}_${setting}`;
  }
  return undefined;
}
