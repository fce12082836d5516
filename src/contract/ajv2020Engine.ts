import type { ErrorObject, ValidateFunction } from 'ajv';
import type Ajv2020 from 'ajv/dist/2020';
import { isRecord } from '../model/jsonPath';
import { ajvProblems } from './ajvProblems';
import { contractError } from './contractError';
import type { ContractOperation, SchemaEngine } from './types';

/**
 * OpenAPI's own `format` values (OAS 3.1 §4.8.5 "Data Type Format"): ajv-formats knows the JSON
 * Schema ones (date-time, uuid, email, …) but not these; int32/int64 are range checks, the
 * others annotate only.
 */
const openApiFormats: Record<string, { type: 'number' | 'string'; validate: (value: never) => boolean }> = {
  int32: { type: 'number', validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value <= 2 ** 31 - 1 },
  int64: { type: 'number', validate: (value: number) => Number.isInteger(value) },
  float: { type: 'number', validate: () => true },
  double: { type: 'number', validate: () => true },
  password: { type: 'string', validate: () => true },
};

/**
 * `SchemaEngine` for OpenAPI 3.1, whose schemas are JSON Schema 2020-12 (`type: [string, "null"]`,
 * `const`, `prefixItems`, `unevaluatedProperties`, `$ref` beside other keywords), on Ajv's 2020
 * dialect with ajv-formats — openapi-response-validator (Ajv's draft-07) would silently ignore
 * those keywords. How it fits the document:
 *
 * - each response schema is compiled with the document's `components` beside it, so
 *   `#/components/schemas/…` references resolve inside this one document (external ones were
 *   refused at load);
 * - OpenAPI's vocabulary (`discriminator`, `xml`, `externalDocs`, `example`) is annotation
 *   only: `strict: false` lets Ajv ignore it, and `discriminator`'s `oneOf` is still checked;
 * - every schema is compiled when the contract loads, so a schema Ajv cannot compile is refused
 *   before any request is sent; bodies are validated unmodified (no `useDefaults`).
 */
export function createAjv2020Engine(document: Record<string, unknown>, operations: readonly ContractOperation[], file: string): SchemaEngine {
  const ajv = createAjv();
  const components = isRecord(document.components) ? document.components : {};
  const validators = new Map<string, ValidateFunction>();
  for (const operation of operations) {
    for (const [status, declared] of operation.responses) {
      for (const media of declared.content) {
        if (media.schema === undefined) continue;
        const schema = isRecord(media.schema) ? { ...media.schema, components } : media.schema;
        try {
          validators.set(key(operation, status, media.mediaType), ajv.compile(schema as object));
        } catch (error) {
          throw contractError(
            file,
            { path: `paths.${operation.pathTemplate}.${operation.method.toLowerCase()}.responses.${status}.content.${media.mediaType}.schema` },
            `cannot compile this JSON Schema 2020-12 response schema of ${operation.key}: ${(error as Error).message}`,
            'Fix the schema (the message names the keyword), or point its $ref at a schema under #/components/ of this document.',
            error,
          );
        }
      }
    }
  }
  return {
    validate(operation, statusKey, mediaType, body) {
      const validator = validators.get(key(operation, statusKey, mediaType));
      if (!validator || validator(body)) return [];
      return ajvProblems((validator.errors ?? []) as ErrorObject[], body, 0);
    },
  };
}

function key(operation: ContractOperation, status: string, mediaType: string): string {
  return `${operation.key} ${status} ${mediaType}`;
}

/** Ajv is loaded when a 3.1 contract is, not when the contract modules are (see loadValidatorClass). */
function createAjv(): Ajv2020 {
  const Ajv = (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default;
  const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false });
  addFormats(ajv);
  for (const [name, format] of Object.entries(openApiFormats)) ajv.addFormat(name, format as never);
  return ajv;
}
