/**
 * A suite as the engine sees it: parsed from YAML, validated, fully defaulted. Every optional
 * thing in the YAML has a concrete value here (empty arrays, `false`, …) unless its absence means
 * something.
 */

export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const httpMethods: readonly HttpMethod[] = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Templates keep `{{var}}` markers; they are expanded per target at run time. */
export type Template = string;

export type RequestBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; value: Template; contentType: string }
  | { kind: 'form'; value: Record<string, Template> };

/**
 * How a step authenticates:
 * - `target`: the target's configured grant (cached token);
 * - `none`: no Authorization header at all;
 * - `bearer`: this literal (templated) token on both sides, e.g. an invalid one;
 * - `scope`: the target's grant, but asking for exactly these scopes (may be empty).
 */
export type StepAuth =
  | { kind: 'target' }
  | { kind: 'none' }
  | { kind: 'bearer'; token: Template }
  | { kind: 'scope'; scopes: string[] };

export interface RequestSpec {
  method: HttpMethod;
  /** Path relative to the API's base URL, may hold `{{var}}`. */
  path: Template;
  query: Record<string, Template>;
  headers: Record<string, Template>;
  body?: RequestBody;
}

export type CaptureSpec =
  | { from: 'json'; path: string }
  | { from: 'header'; name: string; regex?: string }
  | { from: 'status' };

export interface Expectation {
  /** Allowed statuses; empty means "not checked". */
  status: number[];
  /** Header expectations: exact value (templated) or `present`. Names lower-cased. */
  headers: Record<string, { equals: Template } | { present: true }>;
  /** JSON path → value that must be present and equal on both sides. */
  json: Record<string, unknown>;
}

/** A typed matcher: the two values count as equal when both satisfy it. */
export type Matcher =
  | { type: 'uuid' }
  | { type: 'number' }
  | { type: 'string' }
  | { type: 'boolean' }
  | { type: 'present' }
  | { type: 'iso-date' }
  | { type: 'regex'; pattern: string }
  | { type: 'tolerance'; absolute?: number; relative?: number };
export const matcherTypes = ['uuid', 'number', 'string', 'boolean', 'present', 'iso-date', 'regex', 'tolerance'] as const;

export type ArrayPolicy = { kind: 'strict' } | { kind: 'any-order' } | { kind: 'by-key'; key: string };
export const arrayPolicyKinds = ['strict', 'any-order', 'by-key'] as const;

export type HeaderRule = 'ignore' | 'compare' | 'must-exist';
export const headerRules: readonly HeaderRule[] = ['ignore', 'compare', 'must-exist'];

/** Where a rule was declared, so an acceptance can say which file accepted it. */
export type RuleScope = 'global' | 'suite' | 'case' | 'step';

export interface RuleOrigin {
  scope: RuleScope;
  file: string;
  line?: number;
}

/** User rules; merged global → suite → case → step, later scopes appending (and winning on the same path). */
export interface ParityRules {
  /** JSON paths (with `*` and `[*]` wildcards, `..` for any depth) whose differences are ignored. */
  ignore: Array<{ path: string; origin: RuleOrigin }>;
  match: Array<{ path: string; matcher: Matcher; origin: RuleOrigin }>;
  arrays: Array<{ path: string; policy: ArrayPolicy; origin: RuleOrigin }>;
  headers: Array<{ name: string; rule: HeaderRule; origin: RuleOrigin }>;
  /** Accept one specific difference; `reason` is required. Values, when given, must match too. */
  accept: Array<{ path: string; reason: string; legacy?: unknown; candidate?: unknown; origin: RuleOrigin }>;
}

export interface LatencyThresholds {
  /** candidate median / legacy median must not exceed this. */
  maxRatio?: number;
  /** candidate median − legacy median must not exceed this many ms. */
  maxAddedMs?: number;
}

export interface Step {
  name: string;
  /** API name (key into each target's `apis`). */
  api: string;
  auth: StepAuth;
  request: RequestSpec;
  expect: Expectation;
  capture: Record<string, CaptureSpec>;
  rules: ParityRules;
  /** Call the legacy side twice and treat self-disagreement as noise. Defaults to true for GET/HEAD/OPTIONS. */
  noiseBaseline: boolean;
  /** Writes something (POST/PUT/PATCH/DELETE, or marked `mutating: true`). */
  mutating: boolean;
  /** 1-based line of the step in the suite file, for messages. */
  line?: number;
}

export interface Case {
  /** `<suite file>#<name>` — stable across runs, used to order, shard, merge and find baselines. */
  id: string;
  name: string;
  /** Free text from the suite, shown in reports and the sign-off. */
  description?: string;
  api: string;
  /** The suite's tags followed by the case's own (deduplicated). */
  tags: string[];
  skip: boolean;
  /** Why the case is skipped, when `skip:` was given a string instead of `true`. */
  skipReason?: string;
  only: boolean;
  steps: Step[];
  latency: LatencyThresholds;
  /** Values from a data row (data-driven cases), available as `{{name}}` to templates. */
  vars: Record<string, unknown>;
  /** Set for data-driven cases (`each:`): where the row came from, for messages. */
  dataRow?: { source: string; index: number; line?: number };
  line?: number;
}

export interface Suite {
  name: string;
  description?: string;
  /** Path relative to the project root, forward slashes. */
  file: string;
  /** sha256 of the file's bytes, for the sign-off. */
  sha256: string;
  api: string;
  tags: string[];
  /** Suite-level variables available to every case. */
  vars: Record<string, unknown>;
  /** Variables from `suites/_global.yaml`, looked up after the suite's own. */
  globalVars: Record<string, unknown>;
  cases: Case[];
}
