import { escapeTemplatesIn } from './escapeTemplates';
import { isObject, resolve, type JsonObject, type OpenApiDocument } from './openApiDocument';

/** How deep a sample body follows nested objects before it stops (a self-referencing schema). */
const maxDepth = 8;

/**
 * Placeholders for a required value the schema describes but gives no example, default or enum
 * for: the same kind of value Swagger UI and Prism put in a generated request. They fit the
 * schema's type and format, so a contract-valid API accepts them; the case says they are
 * placeholders.
 */
const formatPlaceholders: Record<string, unknown> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00Z',
  email: 'user@example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'AA==',
};

export interface SchemaSample {
  value: unknown;
  /** Paths (`$.owner.name`) whose value is a type placeholder, not from the document. */
  placeholders: string[];
}

/**
 * A request body from a schema: the schema's own example or default where it has one; else an
 * object of its required properties and of the optional ones the document gives a value for
 * (`allOf` merged, the first `oneOf`/`anyOf` alternative, its discriminator set), read-only
 * properties left out. Undefined when the schema says nothing a value could be built from.
 */
export function schemaSample(doc: OpenApiDocument, schema: unknown): SchemaSample | undefined {
  const placeholders: string[] = [];
  const value = sample(doc, schema, '$', 0, new Set(), placeholders);
  return value === undefined ? undefined : { value: escapeTemplatesIn(value), placeholders };
}

function sample(doc: OpenApiDocument, raw: unknown, at: string, depth: number, seen: Set<string>, placeholders: string[]): unknown {
  if (depth > maxDepth || !isObject(raw)) return undefined;
  const ref = typeof raw.$ref === 'string' ? raw.$ref : undefined;
  if (ref !== undefined && seen.has(ref)) return undefined;
  let schema: JsonObject;
  try {
    schema = resolve(doc, raw) as JsonObject;
  } catch {
    return undefined;
  }
  if (!isObject(schema)) return undefined;
  const nextSeen = ref === undefined ? seen : new Set([...seen, ref]);
  const given = documented(schema);
  if (given !== undefined) return given.value;

  if (Array.isArray(schema.allOf)) return mergeAll(doc, schema, at, depth, nextSeen, placeholders);
  const alternatives = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  if (alternatives && alternatives.length > 0) {
    const chosen = sample(doc, alternatives[0], at, depth + 1, nextSeen, placeholders);
    const discriminator = isObject(schema.discriminator) ? schema.discriminator : undefined;
    if (isObject(chosen) && discriminator && typeof discriminator.propertyName === 'string' && isObject(discriminator.mapping)) {
      const [key] = Object.keys(discriminator.mapping);
      if (key !== undefined) chosen[discriminator.propertyName] = key;
    }
    return chosen;
  }
  const type = typeOf(schema);
  if (type === 'object' || (type === undefined && isObject(schema.properties))) return objectSample(doc, schema, at, depth, nextSeen, placeholders);
  if (type === 'array') {
    const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
    if (minItems === 0) return [];
    const item = sample(doc, schema.items, `${at}[0]`, depth + 1, nextSeen, placeholders);
    return item === undefined ? [] : Array.from({ length: minItems }, () => structuredClone(item));
  }
  const placeholder = primitivePlaceholder(schema, type);
  if (placeholder !== undefined) placeholders.push(at);
  return placeholder;
}

function objectSample(doc: OpenApiDocument, schema: JsonObject, at: string, depth: number, seen: Set<string>, placeholders: string[]): JsonObject {
  const out: JsonObject = {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : []);
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    let resolved: unknown;
    try {
      resolved = resolve(doc, property);
    } catch {
      continue;
    }
    if (isObject(resolved) && resolved.readOnly === true) continue;
    // An optional property is sent only when the document gives its value: nothing is invented for it.
    if (!required.has(name) && !(isObject(resolved) && documented(resolved) !== undefined)) continue;
    const value = sample(doc, property, `${at}.${name}`, depth + 1, seen, placeholders);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function mergeAll(doc: OpenApiDocument, schema: JsonObject, at: string, depth: number, seen: Set<string>, placeholders: string[]): unknown {
  let merged: JsonObject | undefined;
  const parts = [...(schema.allOf as unknown[]), ...(isObject(schema.properties) ? [{ type: 'object', properties: schema.properties, required: schema.required }] : [])];
  for (const part of parts) {
    const value = sample(doc, part, at, depth + 1, seen, placeholders);
    if (isObject(value)) merged = { ...merged, ...value };
    else if (value !== undefined && merged === undefined) return value;
  }
  return merged;
}

/** The schema's own value: `example`, the first of `examples` (3.1), `default`, `const`, the first `enum`. */
function documented(schema: JsonObject): { value: unknown } | undefined {
  if (schema.example !== undefined) return { value: structuredClone(schema.example) };
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return { value: structuredClone(schema.examples[0]) };
  if (schema.default !== undefined) return { value: structuredClone(schema.default) };
  if (schema.const !== undefined) return { value: structuredClone(schema.const) };
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return { value: structuredClone(schema.enum[0]) };
  return undefined;
}

/** `type: [string, "null"]` (3.1) is a string that may be null: the first non-null type. */
function typeOf(schema: JsonObject): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) return schema.type.find((type): type is string => typeof type === 'string' && type !== 'null');
  return undefined;
}

function primitivePlaceholder(schema: JsonObject, type: string | undefined): unknown {
  switch (type) {
    case 'string': {
      const format = typeof schema.format === 'string' ? formatPlaceholders[schema.format] : undefined;
      if (format !== undefined) return format;
      const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
      return 'string'.padEnd(minLength, 'x');
    }
    case 'integer':
    case 'number': {
      const minimum = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : 0;
      return type === 'integer' ? Math.ceil(minimum) : minimum;
    }
    case 'boolean':
      return false;
    default:
      return undefined;
  }
}
