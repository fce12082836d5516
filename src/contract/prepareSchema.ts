import { isRecord } from '../model/jsonPath';
import type { ContractDialect } from './types';

/** Keys whose values are data (examples, defaults), not schemas: copied untouched. */
const dataKeys = new Set(['example', 'examples', 'default', 'enum', 'const']);
/** Keys whose values map names to schemas: a property may be called `default` or `enum`. */
const schemaMapKeys = new Set(['properties', 'patternProperties', 'definitions', 'schemas']);

/**
 * A copy of a schema (or of `components`/`definitions`) that openapi-response-validator 12
 * compiles as the document means it. The package hands schemas to Ajv 8 (JSON Schema draft-07
 * rules) after its own OpenAPI fix-ups, which leave three gaps:
 *
 * - `exclusiveMinimum: true` next to `minimum` is how OpenAPI 3.0 and Swagger 2.0 (draft-04
 *   wording) say "greater than"; Ajv 8 wants a number there and refuses to compile the whole
 *   response ("exclusiveMinimum value must be number"). Rewritten to the draft-07 form.
 * - Its `writeOnly` fix-up removes `required[indexOf(name)]`, and for a writeOnly property that
 *   is not required `indexOf` is -1, so `splice(-1, 1)` silently drops the LAST required
 *   property. We drop writeOnly names from `required` ourselves and remove the `writeOnly`
 *   flags, so its loop finds nothing to break.
 * - Swagger 2.0 has no `nullable`; the common `x-nullable: true` extension is mapped to it (the
 *   package turns `nullable` into `type: [t, 'null']`).
 */
export function prepareSchema(schema: unknown, dialect: ContractDialect): unknown {
  if (Array.isArray(schema)) return schema.map((item) => prepareSchema(item, dialect));
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (schemaMapKeys.has(key) && isRecord(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, prepareSchema(entry, dialect)]));
    } else {
      out[key] = dataKeys.has(key) || key.startsWith('x-') ? structuredClone(value) : prepareSchema(value, dialect);
    }
  }
  fixExclusiveBound(out, 'exclusiveMinimum', 'minimum');
  fixExclusiveBound(out, 'exclusiveMaximum', 'maximum');
  if (isRecord(schema.properties) && Array.isArray(out.required)) {
    const properties = schema.properties;
    out.required = out.required.filter((name) => !(typeof name === 'string' && isRecord(properties[name]) && properties[name].writeOnly === true));
  }
  if (typeof out.writeOnly === 'boolean') delete out.writeOnly;
  if (dialect === 'swagger-2.0' && out['x-nullable'] === true) out.nullable = true;
  return out;
}

function fixExclusiveBound(schema: Record<string, unknown>, exclusive: 'exclusiveMinimum' | 'exclusiveMaximum', bound: 'minimum' | 'maximum'): void {
  const flag = schema[exclusive];
  if (typeof flag !== 'boolean') return;
  if (flag && typeof schema[bound] === 'number') {
    schema[exclusive] = schema[bound];
    delete schema[bound];
  } else {
    delete schema[exclusive];
  }
}
