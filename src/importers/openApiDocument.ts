import { ImportError } from './ImportError';

/**
 * An OpenAPI 3.x or Swagger 2.0 document, read just enough to list operations. Only local
 * references (`#/components/...`, `#/parameters/...`) are followed; an operation that needs an
 * external file is skipped with that reason.
 */
type OpenApiVersion = '2.0' | '3';

export interface OpenApiDocument {
  version: OpenApiVersion;
  title: string;
  root: Record<string, unknown>;
}

export type JsonObject = Record<string, unknown>;

export function readOpenApiDocument(input: unknown, file: string): OpenApiDocument {
  if (!isObject(input)) throw notOpenApi(file, 'the top level is not a mapping');
  let value: JsonObject = input;
  const swagger = value.swagger;
  const openapi = value.openapi;
  let version: OpenApiVersion;
  if (swagger === '2.0') version = '2.0';
  else if (typeof openapi === 'string' && /^3\.\d+(\.\d+)?/.test(openapi)) version = '3';
  else if (swagger !== undefined || openapi !== undefined) {
    throw new ImportError(`${file} is OpenAPI/Swagger ${String(openapi ?? swagger)}; this importer reads Swagger 2.0 and OpenAPI 3.x`, { file });
  } else throw notOpenApi(file, 'it has neither "openapi: 3.x" nor "swagger: 2.0"');
  // OpenAPI 3.1 makes `paths` optional: a document may describe only the webhooks an API calls.
  if (value.paths === undefined && version === '3' && isObject(value.webhooks)) value = { ...value, paths: {} };
  if (!isObject(value.paths)) throw notOpenApi(file, 'it has no "paths"');
  const info = isObject(value.info) ? value.info : {};
  return { version, title: typeof info.title === 'string' ? info.title : 'api', root: value };
}

/** Follows a local `$ref` chain; throws a plain Error naming the reference when it cannot. */
export function resolve(doc: OpenApiDocument, value: unknown, seen: Set<string> = new Set()): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string') return value;
  const ref = value.$ref;
  if (!ref.startsWith('#/')) throw new Error(`it refers to ${ref}, outside this file (only #/… references are followed)`);
  if (seen.has(ref)) throw new Error(`${ref} refers to itself`);
  seen.add(ref);
  let node: unknown = doc.root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[key] : undefined;
    if (node === undefined) throw new Error(`${ref} does not exist in the document`);
  }
  return resolve(doc, node, seen);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notOpenApi(file: string, why: string): ImportError {
  return new ImportError(`${file} is not an OpenAPI document: ${why}`, {
    file,
    hint: 'Give an OpenAPI 3.x or Swagger 2.0 file (YAML or JSON). Postman collections go to `parity import postman`, HAR files to `parity import har`.',
  });
}
