import { statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, type Document, type LineCounter } from 'yaml';
import { ContractError } from '../errors';
import { isRecord } from '../model/jsonPath';
import { buildOperations } from './buildOperations';
import { contractError, formatDocumentPath, type ContractLocation } from './contractError';
import { findBrokenRefs } from './findBrokenRefs';
import { createAjv2020Engine } from './ajv2020Engine';
import { createOpenApiResponseValidatorEngine } from './openApiResponseValidatorEngine';
import { readContractDocument } from './readContractDocument';
import type { Contract, ContractDialect } from './types';

interface CacheEntry {
  /** The file changed when these differ (watch mode, a test rewriting a fixture). */
  stamp: string;
  result: Contract | ContractError;
}

/**
 * One load per file per process: a run validates thousands of responses against a handful of
 * documents. Failures are kept too, so a broken document is parsed once and reported the same
 * way by every step that needs it.
 */
const cache = new Map<string, CacheEntry>();

/**
 * Loads an OpenAPI 3.1.x / 3.0.x or Swagger 2.0 document (YAML or JSON) for the contract check.
 * `file` is resolved against the project root `root` (`PARITY_API_<NAME>_OPENAPI=specs/x.yaml`).
 * Throws `ContractError` — naming the file, and the line where there is one — for an unreadable
 * or unparseable file, an unsupported version or JSON Schema dialect, a missing `paths`, a
 * `$ref` that points nowhere or outside the file, or (3.1) a schema that does not compile.
 */
export function loadContract(file: string, root: string): Contract {
  const absolutePath = path.resolve(root, file);
  const shown = path.relative(root, absolutePath).split(path.sep).join('/');
  const stamp = fileStamp(absolutePath);
  const cached = cache.get(absolutePath);
  if (cached && cached.stamp === stamp) {
    if (cached.result instanceof ContractError) throw cached.result;
    return cached.result;
  }
  let result: Contract | ContractError;
  try {
    result = readContract(absolutePath, shown);
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    result = error;
  }
  cache.set(absolutePath, { stamp, result });
  if (result instanceof ContractError) throw result;
  return result;
}

function fileStamp(absolutePath: string): string {
  try {
    const stats = statSync(absolutePath);
    return `${stats.mtimeMs}:${stats.size}`;
  } catch {
    return 'missing';
  }
}

function readContract(absolutePath: string, file: string): Contract {
  const { value, tree, lineCounter } = readContractDocument(absolutePath, file);
  const at = (keys: (string | number)[]): ContractLocation => locate(tree, lineCounter, keys);
  if (!isRecord(value)) throw contractError(file, {}, 'not an OpenAPI document: the file does not hold a mapping at the top', 'An OpenAPI document starts with `openapi: 3.0.3` (or `swagger: "2.0"`), `info` and `paths`.');
  const { dialect, version } = readVersion(value, file, at);
  if (value.paths === undefined) {
    throw contractError(file, {}, 'the document has no `paths`, so no operation can be matched', 'Add the API\'s operations under `paths:` (a document with only components is a library, not an API contract).');
  }
  if (!isRecord(value.paths)) throw contractError(file, { ...at(['paths']), path: 'paths' }, '`paths` must be a mapping of path templates to operations');

  const broken = findBrokenRefs(tree.contents, value, lineCounter)[0];
  if (broken) {
    const location = { line: broken.line, column: broken.column, path: formatDocumentPath([...broken.at, '$ref']) };
    if (broken.problem === 'external') {
      throw contractError(file, location, `$ref "${broken.ref}" points outside this file, and the validator resolves only references inside the document`, 'Bundle the document into one file first, e.g. `npx @redocly/cli bundle specs/api.yaml -o specs/api.bundled.yaml`, and name the bundle.');
    }
    throw contractError(file, location, `$ref "${broken.ref}" points to nothing in this document`, 'Fix the reference or add the missing definition (JSON-pointer keys escape "/" as ~1 and "~" as ~0).');
  }

  const operations = buildOperations(value, value.paths, dialect, file);
  return {
    file,
    absolutePath,
    dialect,
    version,
    operations,
    // openapi-response-validator (named by the customer) for 2.0 and 3.0; JSON Schema 2020-12 for 3.1.
    schemas: dialect === 'openapi-3.1' ? createAjv2020Engine(value, operations, file) : createOpenApiResponseValidatorEngine(value, dialect, file),
  };
}

function readVersion(document: Record<string, unknown>, file: string, at: (keys: string[]) => ContractLocation): { dialect: ContractDialect; version: string } {
  const { openapi, swagger } = document;
  if (openapi !== undefined) {
    // `openapi: 3.0` unquoted is the number 3 in YAML.
    const version = openapi === 3 ? '3.0' : String(openapi);
    if (/^3\.0(\.\d+)?$/.test(version)) return { dialect: 'openapi-3.0', version };
    if (/^3\.1(\.\d+)?$/.test(version)) {
      refuseOtherDialect(document, file, at);
      return { dialect: 'openapi-3.1', version };
    }
    throw contractError(file, { ...at(['openapi']), path: 'openapi' }, `OpenAPI version "${version}" is not supported`, 'The contract check reads OpenAPI 3.1.x, 3.0.x and Swagger 2.0 documents.');
  }
  if (swagger !== undefined) {
    // `swagger: 2.0` unquoted is the number 2 in YAML, which every tool accepts.
    if (String(swagger) === '2.0' || swagger === 2) return { dialect: 'swagger-2.0', version: '2.0' };
    throw contractError(file, { ...at(['swagger']), path: 'swagger' }, `Swagger version "${String(swagger)}" is not supported`, 'The contract check reads OpenAPI 3.0.x and Swagger 2.0 documents.');
  }
  throw contractError(file, {}, 'not an OpenAPI document: it has neither `openapi: 3.0.x` nor `swagger: "2.0"` at the top', 'Point PARITY_API_<NAME>_OPENAPI at the API\'s OpenAPI (3.0) or Swagger (2.0) document.');
}

/** JSON Schema dialects a 3.1 document may declare that the 2020-12 validator checks faithfully. */
const supportedDialects = new Set(['https://json-schema.org/draft/2020-12/schema', 'https://spec.openapis.org/oas/3.1/dialect/base']);

/**
 * OpenAPI 3.1 lets a document choose another JSON Schema dialect (`jsonSchemaDialect`); a schema
 * read with the wrong dialect's rules would be checked wrongly without a word, so it is refused
 * when the contract loads, before any request is sent.
 */
function refuseOtherDialect(document: Record<string, unknown>, file: string, at: (keys: string[]) => ContractLocation): void {
  const dialect = document.jsonSchemaDialect;
  if (dialect === undefined || (typeof dialect === 'string' && supportedDialects.has(dialect.replace(/#$/, '')))) return;
  throw contractError(
    file,
    { ...at(['jsonSchemaDialect']), path: 'jsonSchemaDialect' },
    `jsonSchemaDialect ${JSON.stringify(dialect)} is not supported: the contract check validates OpenAPI 3.1 schemas as JSON Schema 2020-12`,
    'Remove jsonSchemaDialect (2020-12 is the default), or convert the schemas to 2020-12.',
  );
}

/** Line and column of the value at `keys`, when the YAML tree has it. */
function locate(tree: Document, lineCounter: LineCounter, keys: (string | number)[]): ContractLocation {
  let node: unknown = tree.contents;
  for (const key of keys) {
    if (!isMap(node)) return {};
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
    if (!pair) return {};
    node = pair.value;
  }
  const offset = isScalar(node) || isMap(node) ? node.range?.[0] : undefined;
  if (offset === undefined) return {};
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
