import type { TargetName } from '../model/result';

/**
 * The environment, validated once at load into fully-defaulted objects. Code further in never
 * re-checks these values or applies `??` defaults.
 */
export type ProfileName = 'apicloud' | 'choreo' | 'generic';
export const profileNames: readonly ProfileName[] = ['apicloud', 'choreo', 'generic'];

/** A string that must never be printed. `toString`/`toJSON` hide it; `reveal()` is the only way out. */
export interface Secret {
  /** Where the value came from (the variable name), for error messages. */
  readonly source: string;
  reveal(): string;
  toString(): string;
  toJSON(): string;
}

export type AuthConfig =
  | { kind: 'client_credentials'; tokenUrl: string; clientId: string; clientSecret: Secret; scope?: string }
  | {
      kind: 'password';
      tokenUrl: string;
      clientId: string;
      clientSecret: Secret;
      username: string;
      password: Secret;
      scope?: string;
    }
  | { kind: 'static'; token: Secret }
  /** An API key sent in a header of every request (Choreo issues API keys as well as OAuth2 tokens). */
  | { kind: 'api_key'; header: string; key: Secret }
  | { kind: 'none' };

/** Forward proxies, as HTTP_PROXY / HTTPS_PROXY / NO_PROXY (or a per-target `*_PROXY`) say. */
export interface ProxyConfig {
  /** Proxy URL for http:// requests (may hold user:password, hidden like any secret). */
  http?: string;
  /** Proxy URL for https:// requests; falls back to `http`. */
  https?: string;
  /** Hosts reached directly: `example.com` (and subdomains), `.example.com`, `host:port`, `*`. */
  noProxy: readonly string[];
}

/** How a target is reached: proxy, private CA, client certificate. Applies to API calls, the token endpoint and the JWKS. */
export interface NetworkConfig {
  /** Absent: direct connections. */
  proxy?: ProxyConfig;
  /** PEM bundle trusted for this target, besides the public roots (absolute path). */
  caFile?: string;
  /** PEM client certificate and key for mutual TLS (absolute paths; both or neither). */
  clientCertFile?: string;
  clientKeyFile?: string;
}

export interface RateLimitConfig {
  /** Requests per minute this target may receive from the whole run (all Jest workers together). */
  perMinute: number | null;
  /** Requests in flight at once. */
  concurrency: number;
}

export interface RetryConfig {
  /** How many times a 429 is waited out and retried. */
  throttled: number;
  /** How many times a 502/503/504 or connection reset is retried (idempotent methods only). */
  transient: number;
  /** First backoff delay; doubles each attempt. */
  backoffMs: number;
}

export interface TargetConfig {
  name: TargetName;
  profile: ProfileName;
  /** Per-API base URL, keyed by the API name suites use (`pizzashack`). */
  apis: Record<string, { baseUrl: string }>;
  auth: AuthConfig;
  tlsVerify: boolean;
  network: NetworkConfig;
  rateLimit: RateLimitConfig;
  retry: RetryConfig;
  /** When set, this side is replayed from a recorded baseline directory instead of called live. */
  baselineDir?: string;
  /** JWKS of the token issuer, for verifying JWT access tokens (token parity). */
  jwksUrl?: string;
  /** Expected `iss` of JWT access tokens. */
  issuer?: string;
  /** Token revocation endpoint, when the gateway has one. */
  revokeUrl?: string;
}

export interface ApiSettings {
  /** Path to the OpenAPI/Swagger document, resolved against the project root. */
  openapi?: string;
  /** Throttling declaration for the advisory: a tier name or a number per minute. */
  legacyTier?: string;
  candidatePolicy?: string;
}

export interface RunSettings {
  concurrency: number;
  requestTimeoutMs: number;
  /** 0 means no limit. */
  runTimeoutMs: number;
  /** How many times an idempotent legacy step is called for the noise baseline (1 = off). */
  noiseCalls: number;
  reportsDir: string;
  /** Allow mutating cases against a `production` environment (only ever set from the CLI flag). */
  allowWrites: boolean;
  strictContract: boolean;
  followRedirects: 'same-host' | 'never' | 'any';
  /**
   * The recording cap, in bytes: a body larger than this (as received, after content decoding) is
   * compared whole, then recorded as its head with its size and sha256; difference values are cut
   * at as many characters. Bounds what every report carries per exchange.
   */
  maxRecordedBodyBytes: number;
}

export interface EnvConfig {
  /** `sandbox`, `staging`, … — the `<name>` of `env/<name>.env`. */
  name: string;
  /** The env file that was read, relative to the project root (absent when none existed). */
  file?: string;
  /** `env/<name>.local.env` when it existed: same format, read on top of `file`, kept out of git. */
  localFile?: string;
  /** Where this environment's variables belong (`env/<name>.env`), named by errors even when absent. */
  expectedFile: string;
  production: boolean;
  /** When true, the built-in sandbox is started and its URLs fill the targets. */
  sandbox: boolean;
  /**
   * True when `sandbox` is set but the sandbox's URLs (token endpoints, API base URLs) are not
   * known yet because it has not been started: token URLs are empty and `apis` may be empty.
   * Start the sandbox and load again with its `env` merged into `processEnv`.
   */
  sandboxPending: boolean;
  /** `PARITY_SANDBOX_DRIFT`: the sandbox's candidate drifts on purpose. */
  sandboxDrift: boolean;
  /**
   * Every `PARITY_SANDBOX_*` variable after precedence (flag > process env > env file), for the
   * sandbox starter: values written in `env/sandbox.env` count, not only the process environment.
   */
  sandboxSettings: Record<string, string>;
  targets: Record<TargetName, TargetConfig>;
  apis: Record<string, ApiSettings>;
  run: RunSettings;
  /** Minimum candidate token lifetime accepted by token parity (seconds). */
  tokenMinLifetimeSec: number;
  /** `equal` (default) or `superset`: how granted scopes must compare. */
  tokenScopes: 'equal' | 'superset';
}
