import type { CaptureDraft } from './caseDraft';
import { isObject, resolve, type JsonObject, type OpenApiDocument } from './openApiDocument';

/**
 * Every registered 2xx status (RFC 9110 §15.3, plus WebDAV's 207/208 and 226): what `2XX`
 * allows, listed because an expectation names statuses, not ranges.
 */
const successStatuses = [200, 201, 202, 203, 204, 205, 206, 207, 208, 226] as const;

/** Top-level id fields a create answers with: `id`, `orderId`, `order_id`, `uuid`. */
const idName = /^(?:id|uuid|[A-Za-z_]\w*(?:Id|_id|ID|Uuid|_uuid))$/;

export interface ExpectedStatus {
  status: number[];
  /** Where the expectation comes from, for the case's comment (undefined: an explicit code). */
  note?: string;
}

/**
 * The status an imported case expects: the lowest documented 2xx code; for a document that
 * declares only `2XX`, any registered 2xx status; for one that declares only `default` (the
 * response for every status not listed), a 2xx as well, since the case calls the operation with
 * the document's own values.
 */
export function expectedStatus(responses: unknown): ExpectedStatus | undefined {
  if (!isObject(responses)) return undefined;
  const keys = Object.keys(responses);
  const codes = keys.filter((code) => /^2\d\d$/.test(code)).map(Number).sort((a, b) => a - b);
  if (codes.length > 0) return { status: [codes[0]!] };
  if (keys.some((key) => key.toUpperCase() === '2XX')) return { status: [...successStatuses], note: 'The document declares `2XX`: any 2xx status is expected.' };
  if (keys.includes('default') && !keys.some((key) => /^[1345]/.test(key))) {
    return { status: [...successStatuses], note: 'The document declares only a `default` response: a 2xx status is expected.' };
  }
  return undefined;
}

/** The success response object (the expected code's, else `2XX`, else `default`), `$ref` followed. */
export function successResponse(doc: OpenApiDocument, responses: unknown): JsonObject | undefined {
  if (!isObject(responses)) return undefined;
  const key = Object.keys(responses).filter((code) => /^2\d\d$/.test(code)).sort()[0] ?? Object.keys(responses).find((code) => code.toUpperCase() === '2XX') ?? (responses.default === undefined ? undefined : 'default');
  if (key === undefined) return undefined;
  try {
    const response = resolve(doc, responses[key]);
    return isObject(response) ? response : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A write's answer carries what it created — an id in the body, a `Location` header — and each
 * gateway creates its own. Capturing them makes the two values an alias pair, so an unchanged
 * API does not fail on them. Only ids the response is sure to hold are captured (required in
 * the schema, or present in the documented example): a capture that finds nothing is an error.
 */
export function createdCaptures(doc: OpenApiDocument, response: JsonObject | undefined): Record<string, CaptureDraft> | undefined {
  if (!response) return undefined;
  const capture: Record<string, CaptureDraft> = {};
  const headers = isObject(response.headers) ? Object.keys(response.headers) : [];
  const location = headers.find((name) => name.toLowerCase() === 'location');
  if (location) capture.location = { header: 'location' };
  const { schema, example } = jsonSchemaOf(doc, response);
  const object = objectShape(doc, schema);
  if (object) {
    for (const [name, property] of Object.entries(object.properties)) {
      if (!idName.test(name)) continue;
      const sure = object.required.has(name) || (isObject(example) && (typeof example[name] === 'string' || typeof example[name] === 'number'));
      if (!sure) continue;
      const type = typeOf(doc, property);
      if (type === 'object' || type === 'array') continue;
      capture[name === 'location' ? 'location_id' : name] = `$.${name}`;
    }
  }
  return Object.keys(capture).length > 0 ? capture : undefined;
}

function jsonSchemaOf(doc: OpenApiDocument, response: JsonObject): { schema: unknown; example: unknown } {
  // Swagger 2.0: `schema` and `examples: { "application/json": … }` on the response itself.
  if (response.schema !== undefined) {
    const examples = isObject(response.examples) ? Object.entries(response.examples).find(([type]) => /json/i.test(type))?.[1] : undefined;
    return { schema: response.schema, example: examples };
  }
  if (!isObject(response.content)) return { schema: undefined, example: undefined };
  const entry = Object.entries(response.content).find(([type]) => /^application\/(?:[\w.+-]+\+)?json/i.test(type))?.[1];
  if (!isObject(entry)) return { schema: undefined, example: undefined };
  const firstExample = isObject(entry.examples) ? Object.values(entry.examples)[0] : undefined;
  let example: unknown = entry.example;
  if (example === undefined && firstExample !== undefined) {
    try {
      const resolved = resolve(doc, firstExample);
      example = isObject(resolved) ? resolved.value : undefined;
    } catch {
      example = undefined;
    }
  }
  return { schema: entry.schema, example };
}

function objectShape(doc: OpenApiDocument, raw: unknown, depth = 0): { properties: JsonObject; required: Set<string> } | undefined {
  if (depth > 5) return undefined;
  let schema: unknown;
  try {
    schema = resolve(doc, raw);
  } catch {
    return undefined;
  }
  if (!isObject(schema)) return undefined;
  const properties: JsonObject = isObject(schema.properties) ? { ...schema.properties } : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : []);
  for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const shape = objectShape(doc, part, depth + 1);
    if (!shape) continue;
    Object.assign(properties, shape.properties);
    for (const name of shape.required) required.add(name);
  }
  return Object.keys(properties).length > 0 ? { properties, required } : undefined;
}

function typeOf(doc: OpenApiDocument, raw: unknown): string | undefined {
  try {
    const schema = resolve(doc, raw);
    if (!isObject(schema)) return undefined;
    return typeof schema.type === 'string' ? schema.type : Array.isArray(schema.type) ? (schema.type.find((type) => type !== 'null') as string | undefined) : undefined;
  } catch {
    return undefined;
  }
}
