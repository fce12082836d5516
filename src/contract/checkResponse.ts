import type { RecordedResponse } from '../model/result';
import { findDeclaredResponse } from './findDeclaredResponse';
import type { OperationMatch } from './matchOperation';
import { isJsonMediaType, isMediaRange, matchDeclaredMediaType, mediaTypeEssence } from './mediaType';
import type { Contract, ContractOperation, ContractViolation, DeclaredMediaType, SchemaProblem } from './types';

export interface CheckResponseInput {
  contract: Contract;
  match: OperationMatch;
  method: string;
  response: RecordedResponse;
}

/**
 * How one side's response breaks the contract, in check order: operation, status, body
 * presence, content type, schema. Each check needs the one before it (no schema without a
 * matched media type), so the first that fails ends the list — except schema findings, which
 * are all reported.
 */
export function checkResponse({ contract, match, method, response }: CheckResponseInput): ContractViolation[] {
  const { status, body } = response;
  if (match.kind !== 'matched') return [{ check: 'operation', status, keyword: 'undeclared', message: describeMissingOperation(match, method, contract.file) }];
  const { operation } = match;
  const declared = findDeclaredResponse(operation.responses, status);
  if (!declared) {
    const known = [...operation.responses.keys()];
    return [{ check: 'status', status, keyword: 'undeclared', message: `${status} is not declared (declared: ${known.length > 0 ? known.join(', ') : 'none'})` }];
  }
  // HTTP forbids a body on HEAD answers and on 1xx/204/304 (RFC 9110 §6.4.1): a declared body
  // cannot be expected there, and the Content-Type of a HEAD answer describes the GET's body.
  if (method.toUpperCase() === 'HEAD' || status < 200 || status === 204 || status === 304) return [];

  const hasBody = body.kind !== 'empty';
  const declaredTypes = declared.content.map((media) => media.mediaType).join(', ');
  if (declared.content.length === 0) {
    return hasBody ? [{ check: 'body', status, keyword: 'unexpected', message: `has a ${body.kind} body of ${body.bytes} bytes, but ${declared.status} declares no content` }] : [];
  }
  if (!hasBody) return [{ check: 'body', status, keyword: 'missing', message: `has no body, but ${declared.status} declares ${declaredTypes}` }];

  const contentType = response.headers['content-type'] ?? body.contentType;
  if (!contentType) return [{ check: 'content-type', status, keyword: 'missing', message: `has no Content-Type header (declared: ${declaredTypes})` }];
  const media = matchDeclaredMediaType(contentType, declared.content);
  if (!media) {
    return [{ check: 'content-type', status, keyword: 'undeclared', message: `${mediaTypeEssence(contentType)} is not declared for ${declared.status} (declared: ${declaredTypes})` }];
  }
  return checkSchema(contract, match.operation, declared.status, media, response);
}

function checkSchema(contract: Contract, operation: ContractOperation, statusKey: string, media: DeclaredMediaType, response: RecordedResponse): ContractViolation[] {
  const { status, body } = response;
  if (!hasJsonSchema(media)) return [];
  // XML and text bodies: only their content type is checked (above).
  const jsonDeclared = isJsonMediaType(media.mediaType);
  if (body.kind !== 'json') {
    // A body cut while it was read cannot be judged; a JSON body that did not parse can.
    if (jsonDeclared && body.parseError !== undefined && !body.truncated) return [{ check: 'schema', status, path: [], keyword: 'json', message: `is not valid JSON: ${body.parseError}` }];
    return [];
  }
  if (!jsonDeclared && !isMediaRange(media.mediaType)) return [];
  return contract.schemas
    .validate(operation, statusKey, media.mediaType, body.json)
    .filter((problem) => !hidesRedactedValue(problem))
    .map((problem) => ({ check: 'schema', status, path: problem.path, keyword: problem.keyword, message: withValue(problem) }));
}

/** Swagger 2.0's `type: file` describes bytes, not JSON. */
function hasJsonSchema(media: DeclaredMediaType): boolean {
  if (media.schema === undefined) return false;
  return !(typeof media.schema === 'object' && media.schema !== null && (media.schema as { type?: unknown }).type === 'file');
}

/** Keywords that judge a string's content rather than its type. */
const contentKeywords = new Set(['pattern', 'format', 'minLength', 'maxLength', 'enum', 'const']);

/**
 * Recording replaced secrets with `«redacted:…»` (and JWT signatures with `«sig»`) before
 * anything else saw the body, so a pattern or length violation on such a string is about the
 * marker, not about what the gateway sent.
 */
function hidesRedactedValue(problem: SchemaProblem): boolean {
  return contentKeywords.has(problem.keyword) && typeof problem.value === 'string' && (problem.value.includes('«redacted:') || problem.value.includes('«sig»'));
}

function withValue(problem: SchemaProblem): string {
  if (!('value' in problem) || problem.keyword === 'required') return problem.message;
  return `${problem.message}, got ${preview(problem.value)}`;
}

function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return kind === 'object' || kind === 'array' || kind === 'null' ? shown : `${kind} ${shown}`;
}

function describeMissingOperation(match: Exclude<OperationMatch, { kind: 'matched' }>, method: string, file: string): string {
  if (match.kind === 'no-path') return `operation not in the contract: no path of ${file} matches ${match.path}`;
  return `operation not in the contract: ${match.pathTemplate} in ${file} declares ${match.methods.join(', ')}, not ${method.toUpperCase()}`;
}
