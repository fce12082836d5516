import { isRecord } from '../model/jsonPath';
import { contractError, formatDocumentPath } from './contractError';
import { mediaTypeEssence } from './mediaType';
import { compileTemplate, normalizeOperationPath } from './operationPath';
import { dereference } from './resolvePointer';
import type { ContractDialect, ContractOperation, DeclaredMediaType, DeclaredResponse } from './types';

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Every operation of the document with its responses, `$ref`s to path items and responses
 * already followed (the validator only follows schema `$ref`s). Swagger 2.0 and OpenAPI 3.0
 * land in one shape: a response declares media types, each with an optional schema.
 */
export function buildOperations(document: Record<string, unknown>, paths: Record<string, unknown>, dialect: ContractDialect, file: string): ContractOperation[] {
  const operations: ContractOperation[] = [];
  for (const [rawTemplate, rawItem] of Object.entries(paths)) {
    if (rawTemplate.startsWith('x-')) continue;
    const item = follow(document, rawItem, file, ['paths', rawTemplate]);
    if (!isRecord(item)) throw contractError(file, { path: formatDocumentPath(['paths', rawTemplate]) }, 'a path item must be an object of operations');
    const pathTemplate = normalizeOperationPath(rawTemplate);
    const segments = compileTemplate(pathTemplate);
    for (const method of httpMethods) {
      const operation = item[method];
      if (operation === undefined) continue;
      const at = ['paths', rawTemplate, method];
      if (!isRecord(operation)) throw contractError(file, { path: formatDocumentPath(at) }, 'an operation must be an object');
      const key = `${method.toUpperCase()} ${pathTemplate}`;
      const produces = dialect === 'swagger-2.0' ? swaggerProduces(operation, document) : [];
      operations.push({
        method: method.toUpperCase(),
        pathTemplate,
        key,
        segments,
        responses: readResponses(document, operation.responses, dialect, produces, file, [...at, 'responses']),
      });
    }
  }
  return operations;
}

function readResponses(
  document: Record<string, unknown>,
  raw: unknown,
  dialect: ContractDialect,
  produces: readonly string[],
  file: string,
  at: string[],
): Map<string, DeclaredResponse> {
  const responses = new Map<string, DeclaredResponse>();
  if (raw === undefined) return responses;
  const resolved = follow(document, raw, file, at);
  if (!isRecord(resolved)) throw contractError(file, { path: formatDocumentPath(at) }, '`responses` must be an object keyed by status code');
  for (const [status, rawResponse] of Object.entries(resolved)) {
    if (status.startsWith('x-')) continue;
    const response = follow(document, rawResponse, file, [...at, status]);
    if (!isRecord(response)) throw contractError(file, { path: formatDocumentPath([...at, status]) }, 'a response must be an object');
    const content = dialect === 'swagger-2.0' ? swaggerContent(response, produces) : openApiContent(response);
    responses.set(status, { status, content });
  }
  return responses;
}

function openApiContent(response: Record<string, unknown>): DeclaredMediaType[] {
  if (!isRecord(response.content)) return [];
  return Object.entries(response.content).map(([mediaType, media]) => ({
    mediaType: mediaTypeEssence(mediaType),
    schema: isRecord(media) ? media.schema : undefined,
  }));
}

/**
 * Swagger 2.0 declares a body by giving the response a `schema`, and its media types once per
 * operation (`produces`, falling back to the document's). Without any `produces` the document
 * says nothing about the content type, so every one is accepted.
 */
function swaggerContent(response: Record<string, unknown>, produces: readonly string[]): DeclaredMediaType[] {
  if (response.schema === undefined) return [];
  const types = produces.length > 0 ? produces : ['*/*'];
  return types.map((mediaType) => ({ mediaType: mediaTypeEssence(mediaType), schema: response.schema }));
}

function swaggerProduces(operation: Record<string, unknown>, document: Record<string, unknown>): string[] {
  const own = operation.produces ?? document.produces;
  return Array.isArray(own) ? own.filter((entry): entry is string => typeof entry === 'string') : [];
}

function follow(document: Record<string, unknown>, value: unknown, file: string, at: string[]): unknown {
  try {
    return dereference(document, value);
  } catch (error) {
    throw contractError(file, { path: formatDocumentPath(at) }, (error as Error).message, 'Point the $ref at an object that exists in this document.', error);
  }
}
