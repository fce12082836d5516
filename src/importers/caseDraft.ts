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

export type CaptureDraft = string | { header: string };

export interface CaseDraft {
  name: string;
  description?: string;
  /** Comment lines written above the case. */
  comments: string[];
  /** A TODO that makes the case unrunnable as imported: it is written as `skip:` with this reason. */
  skip?: string;
  auth?: 'none';
  vars?: Record<string, unknown>;
  request: RequestDraft;
  status?: number[];
  capture?: Record<string, CaptureDraft>;
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
