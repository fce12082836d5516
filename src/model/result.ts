/**
 * The one result model. It flows from execute to report: reporters render it, they never
 * recompute. `results.json` is this object serialised; bump `RESULT_SCHEMA_VERSION` and the JSON
 * Schema in `schema/results.schema.json` together whenever a field changes meaning.
 */
export const RESULT_SCHEMA_VERSION = 1 as const;

/** The two sides of every comparison. Nothing in the engine branches on the vendor behind them. */
export type TargetName = 'legacy' | 'candidate';
export const targetNames: readonly TargetName[] = ['legacy', 'candidate'];

/** A body as recorded: already redacted, already decoded. */
export interface RecordedBody {
  /** How the body was understood: JSON parsed, XML/text kept as text, anything else hashed. */
  kind: 'empty' | 'json' | 'xml' | 'text' | 'binary';
  contentType?: string;
  /** Size on the wire after content decoding, in bytes. */
  bytes: number;
  /** Parsed value for `json`: the one form a JSON body is kept in (`JSON.stringify` it where text is needed). */
  json?: unknown;
  /**
   * Text for `xml` and `text`. For a body cut at the recording cap, only its head: about as many
   * characters as the cap (a `json` body cut there is recorded as `text`, its head written from the
   * parsed value in compact form, `JSON.stringify`, or taken from its raw text when that was kept).
   * For `json` it is normally absent: a response body is kept only as `json`; a request body keeps
   * its redacted raw text beside `json` only when `JSON.stringify(json)` would not reproduce it
   * byte for byte (the curl line repeats it). Results and baselines written before this rule may
   * still carry it on any `json` body; readers never need it there.
   */
  text?: string;
  /**
   * sha256 (hex) of the redacted bytes as received. Always set for `binary`, for bodies cut at the
   * recording cap, and for bodies larger than it that are still whole (a baseline recording keeps
   * those). Of a body replayed from a recording made before bodies over the cap were hashed when
   * received, the hash is taken when it is cut: of its compact JSON, for a `json` body.
   */
  sha256?: string;
  /**
   * True when only the head of the body is kept: it was larger than the recording cap
   * (`PARITY_MAX_RECORDED_BODY_BYTES`) — compared whole, then cut for the record — or it was cut
   * while it was read (`sha256OfFirstBytes`), when it is compared by size and sha256 only.
   */
  truncated?: boolean;
  /**
   * Set when the body was cut while it was read (size cap, decode budget, broken stream): `sha256`
   * then covers only its first N redacted bytes, never "the full body".
   */
  sha256OfFirstBytes?: number;
  /** Set when the content type promised JSON but the bytes did not parse. */
  parseError?: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  /** Lower-cased names; secrets already replaced by `«redacted:…»` markers. */
  headers: Record<string, string>;
  body?: RecordedBody;
}

export interface RecordedResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ", " (set-cookie with "\n"). */
  headers: Record<string, string>;
  body: RecordedBody;
}

/** One attempt that did not count, and why it was retried. */
export interface RetryRecord {
  attempt: number;
  reason: 'throttled' | 'server-error' | 'connection' | 'timeout';
  status?: number;
  waitedMs: number;
  detail: string;
}

/** One request/response pair on one target, recorded (and redacted) at the moment it happened. */
export interface Exchange {
  target: TargetName;
  request: RecordedRequest;
  /** Absent when the request never produced a response (then `error` says why). */
  response?: RecordedResponse;
  startedAt: string;
  durationMs: number;
  retries: RetryRecord[];
  /** Where the exchange came from: a live call, or a recorded baseline file. */
  source: 'live' | { baseline: string };
  error?: HarnessErrorInfo;
}

/**
 * Every difference gets exactly one disposition. A case passes when none of its differences is a
 * `regression` (and it has no harness error).
 * - regression: the candidate breaks parity or a contract the legacy kept.
 * - noise: the legacy side disagreed with itself on this path in this case (noise baseline).
 * - accepted: a named rule (profile fact, user rule, alias) explains it; `rule` names it.
 * - pre-existing: both sides break the contract the same way; reported, not failing by default.
 * - improvement: the legacy broke a contract that the candidate keeps.
 * - both-fail: an expectation of the suite fails on the legacy too — the suite or its credentials
 *   are wrong, not the candidate. The case fails (no PASS), but it is counted apart from regressions.
 */
export type Disposition = 'regression' | 'noise' | 'accepted' | 'pre-existing' | 'improvement' | 'both-fail';

/** Which part of the exchange a difference is about. */
type DifferenceArea = 'status' | 'header' | 'body' | 'fault' | 'expectation' | 'contract' | 'latency' | 'token';

export interface Difference {
  area: DifferenceArea;
  /** JSON path into the body (`$.items[2].price`), `header:<name>`, `status`, or a contract path. */
  path: string;
  kind: 'changed' | 'missing' | 'extra' | 'type' | 'violation' | 'threshold';
  /** Values as shown to people (already normalized and redacted); absent means "no value". */
  legacy?: unknown;
  candidate?: unknown;
  disposition: Disposition;
  /** Rule name for `accepted` (and the check name for contract/latency/token findings). */
  rule?: string;
  /** Why the rule applies: the fact or the user's reason, in one sentence. */
  reason?: string;
  /** For `noise`: the legacy's own variation that excused it (kind-matched: see compare/noise.ts). */
  noise?: NoiseExcuse;
  /** A difference that stands for several (a reordered array, a renamed key, varying map keys). */
  collective?: CollectiveDifference;
}

/**
 * How the legacy's own answers differed at one place, between its first call and a repeat:
 * `value` (same JSON type, another value), `type` (another JSON type), `presence` (there once,
 * absent once), `length` (an array of another length), `keys` (an object whose keys vary, a map),
 * `order` (the same elements in another order).
 */
export type NoiseVariation = 'value' | 'type' | 'presence' | 'length' | 'keys' | 'order';

export interface NoiseExcuse {
  variation: NoiseVariation;
  /** Where the legacy varied (array indexes written `[*]`: elements of one array vary alike). */
  path: string;
  /** The legacy's first answer there and the differing repeat answer (absent = not there). */
  first?: unknown;
  repeat?: unknown;
}

export interface CollectiveDifference {
  kind: 'reordered' | 'renamed' | 'map-keys';
  /** How many single differences it stands for. */
  count: number;
  /** The single paths it stands for (at most a few dozen are listed). */
  paths: string[];
  /** What to do about it, e.g. the `arrays: any-order` / `by-key` rule that fits. */
  hint?: string;
}

/** A step of a scenario that was not run, and why (an earlier step failed or broke). */
export interface StepNotRun {
  name: string;
  index: number;
  reason: string;
}

/** What a normalization rule did to one side before diffing, so each acceptance is explainable. */
export interface NormalizationNote {
  target: TargetName;
  rule: string;
  path: string;
  detail: string;
}

export interface HarnessErrorInfo {
  /** The error class name (`ConfigError`, `AuthError`, `TargetUnreachableError`, …). */
  name: string;
  message: string;
  /** What to do about it. */
  hint?: string;
  target?: TargetName;
  file?: string;
  line?: number;
  path?: string;
}

export interface ExpectationResult {
  target: TargetName;
  check: string;
  ok: boolean;
  expected: unknown;
  actual: unknown;
}

export interface StepResult {
  name: string;
  index: number;
  legacy: Exchange;
  /** The second legacy call of the noise baseline, when one was made. */
  legacyRepeat?: Exchange;
  candidate: Exchange;
  expectations: ExpectationResult[];
  /** The differences the step lists (at most about 1,000; the rest are counted in `unlisted`). */
  differences: Difference[];
  /**
   * Set when the step found more differences than it lists: those left out, counted by
   * disposition, rule and path pattern. Every count (summary, digest, sign-off) includes them, and
   * the listed ones keep the first few of every disposition and rule, so no kind is hidden.
   */
  unlisted?: UnlistedDifferences[];
  notes: NormalizationNote[];
}

/** Differences of one step left out of its list: how many of one disposition, rule, area, path pattern and kind. */
export interface UnlistedDifferences {
  disposition: Disposition;
  rule?: string;
  area: DifferenceArea;
  /** The path with array indexes as `[*]` (`$.items[*].price`); `(other paths)` gathers the rest of a rule once a step holds 100 groups. */
  pattern: string;
  kind: Difference['kind'];
  count: number;
}

export type CaseStatus = 'passed' | 'failed' | 'error' | 'skipped' | 'interrupted';

export interface CaseLatency {
  /** Median over the calls made in this case, per target (ms). */
  legacyMs: number | null;
  candidateMs: number | null;
}

export interface CaseResult {
  /** Stable id: `<suite file>#<case name>`; used for ordering, sharding and merging. */
  id: string;
  suite: string;
  suiteFile: string;
  /** 1-based line of the case in its suite file, when the loader knew it (JUnit `line`, annotations). */
  line?: number;
  api: string;
  name: string;
  tags: string[];
  status: CaseStatus;
  steps: StepResult[];
  /** Steps after a failed or errored step: listed, never silently dropped. */
  notRun?: StepNotRun[];
  error?: HarnessErrorInfo;
  latency: CaseLatency;
  startedAt: string;
  durationMs: number;
}

export interface SuiteInfo {
  name: string;
  file: string;
  sha256: string;
  /** Set when the suite could not be loaded: none of its cases ran. */
  error?: HarnessErrorInfo;
}

export interface TargetInfo {
  name: TargetName;
  profile: string;
  /** Hosts only (scheme + host + port), never credentials. */
  hosts: string[];
  auth: string;
  tlsVerify: boolean;
  baseline?: string;
  /** The replayed baseline's manifest, when `baseline` is set and its manifest could be read. */
  baselineManifest?: BaselineFacts;
}

/** Evidence about a recorded baseline, for the sign-off. */
export interface BaselineFacts {
  /** `baselines/staging`, relative to the project root when possible. */
  folder: string;
  /** `baselines/staging/manifest.json`, relative to the project root when possible. */
  manifest: string;
  /** sha256 (hex) of the manifest file's bytes; the manifest lists every recording's sha256. */
  sha256: string;
  recordedAt: string;
  /** Origins the recording called (from the manifest's per-API base URLs). */
  recordedHosts: string[];
  env: string;
  profile: string;
  harnessVersion: string;
  cases: number;
}

export interface TokenParityResult {
  status: 'passed' | 'failed' | 'error';
  legacy: { format: string; tokenType?: string; scopes: string[]; expiresIn?: number };
  candidate: { format: string; tokenType?: string; scopes: string[]; expiresIn?: number; issuer?: string; signature?: string };
  findings: Difference[];
  error?: HarnessErrorInfo;
  durationMs: number;
}

export interface ThrottlingAdvice {
  api: string;
  legacyTier: string;
  legacyPerMinute: number | null;
  candidatePolicy: string;
  candidatePerMinute: number | null;
  admits: boolean;
  notes: string[];
  /**
   * Sides whose tier or policy name could not be read: their limit is unknown (never taken as
   * unlimited), `admits` is false, and every report carries a warning.
   */
  unreadable?: TargetName[];
}

export interface RunSummary {
  total: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  interrupted: number;
  regressions: number;
  accepted: number;
  noise: number;
  preExisting: number;
  byRule: Record<string, number>;
  latency: Record<TargetName, { p50: number | null; p95: number | null }>;
  /** Differences the candidate fixed (legacy broke a contract the candidate keeps). */
  improvements?: number;
  /** Suites that could not be loaded (none of their cases ran). */
  suiteErrors?: number;
  /** Expectations that failed on BOTH sides (`both-fail`): a suite or credentials problem, not a regression. */
  bothFail?: number;
  /** Failed cases whose only failures are `both-fail` expectations (they are in `failed` too). */
  failedOnBoth?: number;
  /** Scenario steps not run because an earlier step failed or broke. */
  stepsNotRun?: number;
  /**
   * The run's verdict, decided once by `summarize` so every report (and the CI gate) shows the
   * same one; `verdictReasons` says why it is `fail`, one sentence each.
   */
  verdict?: RunVerdict;
  verdictReasons?: string[];
  /**
   * The exit code CI gates on, decided with the verdict when the run finished: 0 every case
   * passed, 1 regressions, 2 harness errors (or nothing ran). `parity gate` returns it as is.
   */
  exitCode?: GateCode;
}

export type GateCode = 0 | 1 | 2;

/**
 * Set when the run covered only part of the suite set (`-t`, a path filter, `--tag`, `--shard`,
 * `only:`, `--bail`, a run timeout): its verdict speaks for the selected cases only, and no report
 * may present it as a sign-off of the whole suite set.
 */
export interface PartialRun {
  /** Cases in this run's reports (run, errored, skipped or interrupted). */
  selectedCases: number;
  /** Cases in the whole suite set (every suite file under suites/, data rows expanded). */
  totalCases: number;
  /** What narrowed or cut the run, one phrase each: `-t "place an order"`, `--shard 1/2`, `--bail`, … */
  reasons: string[];
}

export type RunVerdict = 'pass' | 'fail';

export interface RunResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  harnessVersion: string;
  runId: string;
  startedAt: string;
  finishedAt: string;
  environment: {
    name: string;
    production: boolean;
    sandbox: boolean;
    targets: Record<TargetName, TargetInfo>;
  };
  git?: { commit: string; dirty: boolean };
  shard?: { index: number; count: number };
  suites: SuiteInfo[];
  cases: CaseResult[];
  tokenParity?: TokenParityResult;
  throttling: ThrottlingAdvice[];
  /** Warnings that every report must show (TLS verification off, interrupted run, …). */
  warnings: string[];
  interrupted: boolean;
  /** Present only for a partial run (see PartialRun). */
  partial?: PartialRun;
  summary: RunSummary;
}
