/**
 * A case as an importer builds it, before it becomes YAML: plain data in suite-format keys, plus
 * the comments that explain what was not imported. `renderSuite` turns a `SuiteDraft` into text.
 */
export interface RequestDraft {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  contentType?: string;
  form?: Record<string, string>;
}

export type CaptureDraft = string | { header: string; regex?: string };

/** What one call expects and remembers; a case is one of these, or a scenario of them. */
export interface CallDraft {
  auth?: 'none';
  request: RequestDraft;
  status?: number[];
  /** `expect.headers`: lower-cased name → `present` or the value. */
  expectHeaders?: Record<string, string>;
  /** `expect.json`: JSON path → value. */
  expectJson?: Record<string, unknown>;
  capture?: Record<string, CaptureDraft>;
}

export interface StepDraft extends CallDraft {
  name: string;
  /** Comment lines written above the step. */
  comments: string[];
}

export interface CaseDraft extends CallDraft {
  name: string;
  description?: string;
  /** Comment lines written above the case. */
  comments: string[];
  /** A TODO that makes the case unrunnable as imported: it is written as `skip:` with this reason. */
  skip?: string;
  vars?: Record<string, unknown>;
  latency?: { maxAddedMs: number };
  /** A scenario: written as `steps:` (the case's own request, expectations and captures are then unused). */
  steps?: StepDraft[];
}

export interface SuiteDraft {
  /** File name relative to the output folder. */
  file: string;
  suite: string;
  description?: string;
  api: string;
  tags: string[];
  /** Comment lines at the top of the file. */
  header: string[];
  vars: Record<string, unknown>;
  /** A comment above one suite var (why its value is a TODO or an env reference). */
  varComments: Record<string, string>;
  cases: CaseDraft[];
}
