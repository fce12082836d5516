import type OpenAPIResponseValidator from 'openapi-response-validator';
import { isRecord } from '../model/jsonPath';
import { ajvProblems } from './ajvProblems';
import { contractError } from './contractError';
import { prepareSchema } from './prepareSchema';
import type { ContractDialect, ContractOperation, SchemaEngine } from './types';

type ValidatorArgs = ConstructorParameters<typeof OpenAPIResponseValidator>[0];

/**
 * `SchemaEngine` on top of openapi-response-validator 12. What the package does, read from its
 * source (dist/index.js), and how this adapter fits it:
 *
 * - It wraps each response schema as `{ properties: { response: schema }, definitions,
 *   components }` and compiles that with Ajv, so `$ref`s resolve only inside this one document,
 *   and only under `#/components/…` (OAS 3) or `#/definitions/…` (Swagger 2). External refs were
 *   refused at load; a local ref elsewhere fails to compile and becomes a `ContractError` here.
 * - It takes `response.schema` when present, else the schema of the FIRST media type under
 *   `content`, and never looks at the content type. So we pass `{ schema }` ourselves for the
 *   media type the response's Content-Type matched, one validator per operation and media type.
 * - It looks a status up as exact code, then `2XX`, then `default`; we resolve the status key
 *   first (the status check needs it) and pass the key itself.
 * - Ajv runs with `useDefaults: true`, which WRITES schema defaults into the validated data; the
 *   body is cloned first so a recorded exchange is never altered.
 * - Ajv is created without formats (no ajv-formats), so `format` (date-time, uuid, int64, …)
 *   is not checked; discriminators are ignored (their oneOf/anyOf still is).
 * - A response without content becomes `{ type: 'null' }` there; we decide "no body declared"
 *   ourselves and never ask the package about such a response.
 */
export function createOpenApiResponseValidatorEngine(document: Record<string, unknown>, dialect: ContractDialect, file: string): SchemaEngine {
  // Loaded with the contract, not on the first response checked: under Jest's concurrent tests
  // that first check may run after another case's test ended, when Jest refuses any require.
  const Validator = loadValidatorClass();
  const validators = new Map<string, OpenAPIResponseValidator>();
  // Prepared once per document, on first use; every validator of the document shares them.
  let shared: Pick<ValidatorArgs, 'components' | 'definitions'> | undefined;
  const sharedSchemas = () =>
    (shared ??=
      dialect === 'openapi-3.0'
        ? { components: prepareSchema(isRecord(document.components) ? document.components : {}, dialect) as ValidatorArgs['components'] }
        : { definitions: prepareSchema(isRecord(document.definitions) ? document.definitions : {}, dialect) as ValidatorArgs['definitions'] });

  const build = (operation: ContractOperation, mediaType: string): OpenAPIResponseValidator => {
    const responses: ValidatorArgs['responses'] = {};
    for (const [status, declared] of operation.responses) {
      const entry = declared.content.find((media) => media.mediaType === mediaType && media.schema !== undefined);
      // The document is untyped data checked at load; the package's types describe its shape.
      if (entry) responses[status] = { schema: prepareSchema(entry.schema, dialect) as ValidatorArgs['responses'][string]['schema'] };
    }
    try {
      return new Validator({
        responses,
        ...sharedSchemas(),
        // The raw Ajv error keeps `params` (which property is missing or extra); the package's
        // own mapping drops them.
        errorTransformer: (_mapped, ajvError) => ajvError,
      });
    } catch (error) {
      throw contractError(
        file,
        { path: `paths.${operation.pathTemplate}.${operation.method.toLowerCase()}.responses` },
        `cannot compile the ${mediaType} response schemas of ${operation.key}: ${(error as Error).message}`,
        dialect === 'openapi-3.0'
          ? 'openapi-response-validator resolves schema $refs only under #/components/; move the referenced schema to components/schemas.'
          : 'openapi-response-validator resolves schema $refs only under #/definitions/; move the referenced schema there.',
        error,
      );
    }
  };

  return {
    validate(operation, statusKey, mediaType, body) {
      const key = `${operation.key} ${mediaType}`;
      let validator = validators.get(key);
      if (!validator) {
        validator = build(operation, mediaType);
        validators.set(key, validator);
      }
      const result = validator.validateResponse(statusKey, structuredClone(body));
      if (!result) return [];
      const errors: unknown[] = Array.isArray(result.errors) ? result.errors : [];
      // Paths are `/response/0/price`: the package validates `{ response: body }`.
      return ajvProblems(errors, body, 1);
    },
  };
}

/**
 * openapi-response-validator (and Ajv under it) is loaded when a contract document is loaded,
 * not when the contract modules load: a test file imports them long before (and often without)
 * checking a response, and Ajv costs a good part of the time before Jest's first request.
 */
function loadValidatorClass(): typeof OpenAPIResponseValidator {
  return (require('openapi-response-validator') as typeof import('openapi-response-validator')).default;
}

