import type Ajv from 'ajv';
import { isObject, type OpenApiDocument } from './openApiDocument';

/**
 * Checks a body the importer is about to send against the operation's request schema. A
 * document's own example can break its schema (an object that matches two `oneOf`
 * alternatives), and an API that validates requests then refuses it on both gateways — a case
 * that fails on an unchanged API. Such a body is a TODO for a person, never sent as is.
 * Returns the first problem in words, or undefined when the body fits (or the schema cannot be
 * compiled: the contract check reports that, the importer does not guess).
 */
export function requestBodyProblem(doc: OpenApiDocument, schema: unknown, body: unknown): string | undefined {
  if (!isObject(schema)) return undefined;
  const ajv = createAjv(doc.root.openapi);
  const wrapper = { ...(asJsonSchema(schema) as Record<string, unknown>), components: asJsonSchema(doc.root.components ?? {}), definitions: asJsonSchema(doc.root.definitions ?? {}) };
  let validate: ReturnType<Ajv['compile']>;
  try {
    validate = ajv.compile(wrapper as object);
  } catch {
    return undefined;
  }
  if (validate(body)) return undefined;
  const error = validate.errors?.find((candidate) => candidate.keyword !== 'if') ?? validate.errors?.[0];
  return error ? `${error.instancePath ? `$${error.instancePath.replace(/\//g, '.')}` : 'the body'} ${error.message ?? `fails ${error.keyword}`}` : 'it does not match the schema';
}

/** Ajv's 2020 dialect for OpenAPI 3.1, draft-07 (what OpenAPI 3.0 and Swagger 2.0 schemas are closest to) otherwise. */
function createAjv(openapi: unknown): Ajv {
  const is31 = typeof openapi === 'string' && openapi.startsWith('3.1');
  const Constructor = is31 ? (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default : (require('ajv') as typeof import('ajv')).default;
  const ajv = new Constructor({ strict: false, allErrors: false, validateFormats: false, logger: false });
  return ajv as unknown as Ajv;
}

/** OpenAPI 3.0's `nullable: true` as JSON Schema (`type: [t, "null"]`); `readOnly` properties not required in a request. */
function asJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asJsonSchema);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = key === 'example' || key === 'examples' || key === 'default' || key === 'enum' ? item : asJsonSchema(item);
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (isObject(out.properties) && Array.isArray(out.required)) {
    const properties = out.properties;
    out.required = out.required.filter((name) => !(typeof name === 'string' && isObject(properties[name]) && properties[name].readOnly === true));
  }
  return out;
}
