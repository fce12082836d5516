/**
 * Options that make the sandbox's candidate (Choreo-like) side misbehave on purpose, so that the
 * harness can be seen catching each kind of problem.
 */
export interface SandboxOptions {
  /** Real regressions on the candidate side (see README "drift mode"). */
  drift: boolean;
  /** Per-minute request quota per gateway (null = unlimited). */
  quota: { legacy: number | null; candidate: number | null };
  legacy: {
    /** Opaque token lifetime in seconds (API Cloud default 3600, facts §1); 0 issues already-expired tokens. */
    tokenLifetimeSec: number;
  };
  candidate: {
    /** Scopes the candidate grants at most (default: all requested that the app may have). */
    grantedScopes?: string[];
    /** Sign JWTs with a key that is not in the published JWKS. */
    signWithUnknownKey: boolean;
    /** Added latency per API call, ms. */
    delayMs: number;
    /** Candidate's GET /menu answers items that break the OpenAPI schema. */
    violateSchema: boolean;
    /** Change one JSON field's value in candidate responses that carry it (top level, or in each array element): `{ field: 'customerName', value: 'X' }`. */
    changeField?: { field: string; value: unknown };
    /** Token lifetime in seconds (Choreo default 900); 0 issues already-expired tokens. */
    tokenLifetimeSec: number;
  };
  /** Fault injection on the candidate side (load/fault tests). */
  fault?: SandboxFault;
}

export type SandboxFault =
  | 'reset-mid-body'
  | 'stall'
  | 'slow-drip'
  | 'invalid-json'
  | 'huge-body'
  | 'gzip-bomb'
  | 'wrong-content-length'
  | 'storm-500'
  | 'storm-429';

export interface SandboxCredentials {
  legacy: { clientId: string; clientSecret: string; username: string; password: string; orgKey: string };
  candidate: { clientId: string; clientSecret: string; username: string; password: string };
}

export interface Sandbox {
  urls: {
    backend: string;
    legacyGateway: string;
    candidateGateway: string;
  };
  /** Environment variables to overlay on the `sandbox` env (token URLs, per-API base URLs, JWKS). */
  env: Record<string, string>;
  credentials: SandboxCredentials;
  /** Counts of requests each gateway received (for pacing/quota tests). */
  stats(): { legacy: number; candidate: number; backend: number };
  /**
   * The payload of the last backend JWT (`x-jwt-assertion`) the backend decoded for calls that
   * came through the given gateway; undefined before the first such call.
   */
  lastBackendClaims(gateway: SandboxGateway): Record<string, unknown> | undefined;
  close(): Promise<void>;
}

export type SandboxGateway = 'legacy' | 'candidate';

/** What `startSandbox` accepts: any subset of the options, at any depth. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
