import type { PathKey } from '../model/jsonPath';

/**
 * An OpenAPI 3.1.x, 3.0.x or Swagger 2.0 document, loaded once and read many times: operations are
 * extracted (response `$ref`s resolved) at load; schema validators are built on first use.
 */
export type ContractDialect = 'openapi-3.1' | 'openapi-3.0' | 'swagger-2.0';

export interface Contract {
  /** The document as named in messages: relative to the project root, with forward slashes. */
  readonly file: string;
  readonly absolutePath: string;
  readonly dialect: ContractDialect;
  /** The declared version string (`3.0.3`, `2.0`). */
  readonly version: string;
  readonly operations: readonly ContractOperation[];
  /** Validates JSON bodies against the operation's schemas; see `SchemaEngine`. */
  readonly schemas: SchemaEngine;
}

export interface ContractOperation {
  /** Upper case: `GET`. */
  readonly method: string;
  /** As written in the document (`/order/{orderId}`), trailing slash removed. */
  readonly pathTemplate: string;
  /** `GET /order/{orderId}`: how findings name the operation. */
  readonly key: string;
  /** Keyed by the document's status keys: `200`, `2XX`, `default`. */
  readonly responses: ReadonlyMap<string, DeclaredResponse>;
  /** Literal segments of the template compiled for matching (see `matchOperation`). */
  readonly segments: readonly TemplateSegment[];
}

export type TemplateSegment = { type: 'literal'; text: string } | { type: 'template'; pattern: RegExp };

export interface DeclaredResponse {
  readonly status: string;
  /** What the response may carry. Empty: the contract declares no body for this status. */
  readonly content: readonly DeclaredMediaType[];
}

export interface DeclaredMediaType {
  /** As declared, lower-cased without parameters: `application/json`, `application/*`, `*\/*`. */
  readonly mediaType: string;
  /** The schema as written (may be a `$ref`); absent when the document gives none. */
  readonly schema?: unknown;
}

/**
 * The schema validator behind the contract check (convention 10: a better library can replace
 * `openapi-response-validator` without touching the checks).
 */
export interface SchemaEngine {
  /**
   * Validates `body` (never modified) against the schema that `operation` declares for
   * `statusKey` and the declared `mediaType`. Throws `ContractError` when the document's schema
   * cannot be compiled.
   */
  validate(operation: ContractOperation, statusKey: string, mediaType: string, body: unknown): SchemaProblem[];
}

/** One schema violation, independent of the validator library. */
export interface SchemaProblem {
  /** Concrete path into the body; for `required`/`additionalProperties` it ends at the named property. */
  path: PathKey[];
  /** The JSON Schema keyword that failed: `type`, `required`, `additionalProperties`, … */
  keyword: string;
  /** For people: `must be string`, `"icon" is not declared (additionalProperties: false)`. */
  message: string;
  /** The offending value, when the body has one at `path`. */
  value?: unknown;
}

/** Which check a finding comes from; the rule is `contract.<check>`. */
export type ContractCheck = 'operation' | 'status' | 'content-type' | 'body' | 'schema';

/** One way one side's response breaks the contract. */
export interface ContractViolation {
  check: ContractCheck;
  /** The response status (the operation check keeps it too, for the finding's path). */
  status: number;
  /** Body path, for `schema` findings. */
  path?: PathKey[];
  /** The failed keyword (`additionalProperties`), or the check's own word (`undeclared`). */
  keyword: string;
  /** One line for people, including the offending value. */
  message: string;
}
