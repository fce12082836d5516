import { escapeTemplatesIn } from './escapeTemplates';
import { isObject, resolve, type OpenApiDocument } from './openApiDocument';

/**
 * A value the document itself offers for a parameter or body, in the order a person would trust
 * it: an explicit example, then the default, then the first allowed value. Undefined means the
 * document does not say, and the case gets a TODO instead of an invented value.
 */
export function documentedValue(doc: OpenApiDocument, holder: Record<string, unknown>): { value: unknown } | undefined {
  const schema = isObject(holder.schema) ? (resolve(doc, holder.schema) as Record<string, unknown>) : undefined;
  const candidates: unknown[] = [
    holder.example,
    firstExample(doc, holder.examples),
    holder['x-example'],
    schema?.example,
    // OpenAPI 3.1 (JSON Schema 2020-12) lists examples as an array on the schema.
    Array.isArray(schema?.examples) ? schema.examples[0] : undefined,
    holder.default,
    schema?.default,
    Array.isArray(holder.enum) ? holder.enum[0] : undefined,
    Array.isArray(schema?.enum) ? schema.enum[0] : undefined,
    // Swagger 2.0 array parameters keep their enum on `items`.
    isObject(holder.items) && Array.isArray(holder.items.enum) ? holder.items.enum[0] : undefined,
  ];
  const found = candidates.find((candidate) => candidate !== undefined);
  return found === undefined ? undefined : { value: escapeTemplatesIn(found) };
}

/** OpenAPI 3 `examples`: a map of Example Objects (`value`), or, in Swagger 2.0 responses, media type → value. */
function firstExample(doc: OpenApiDocument, examples: unknown): unknown {
  if (!isObject(examples)) return undefined;
  const first = Object.values(examples)[0];
  if (first === undefined) return undefined;
  const example = resolve(doc, first);
  return isObject(example) && 'value' in example ? example.value : undefined;
}

/** A parameter value as it goes into a path or query string. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(asText).join(',');
  return JSON.stringify(value);
}
