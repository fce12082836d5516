import { slug } from '../baseline/baselinePaths';
import { apiEnvKey } from '../config/variables';
import { httpMethods } from '../suite/types';
import type { CaseDraft, SuiteDraft } from './caseDraft';
import { isObject, readOpenApiDocument, resolve, type JsonObject, type OpenApiDocument } from './openApiDocument';
import { openApiRequest } from './openApiRequest';
import { createdCaptures, expectedStatus, successResponse } from './openApiResponses';
import { operationSecurity } from './openApiSecurity';
import { envNameFor } from './secretNames';
import { renderSuite } from './renderSuite';
import type { ImportOptions, ImportResult, SkippedItem } from './types';
import { uniqueName } from './uniqueName';

export interface OpenApiImportOptions extends ImportOptions {
  /** Also import operations that may change data (POST, PUT, PATCH, DELETE). Default: GET only. */
  allMethods?: boolean;
}

const operationMethods = ['get', 'head', 'options', 'post', 'put', 'patch', 'delete'] as const;

/**
 * An OpenAPI 3.x / Swagger 2.0 document → one suite with one case per operation that can be
 * called safely (GET by default). Every value comes from the document (example, default, enum);
 * where it has none, the case carries a `{{TODO_<name>}}` and is skipped until someone fills it in.
 */
export function importOpenApi(value: unknown, options: OpenApiImportOptions = {}): ImportResult {
  const file = options.sourceFile ?? 'the document';
  const doc = readOpenApiDocument(value, file);
  const api = options.api ?? (slug(doc.title) || 'api');
  const skipped: SkippedItem[] = [];
  const credentials = new Set<string>();
  const names = new Set<string>();
  const cases: CaseDraft[] = [];
  for (const [path, rawItem] of Object.entries(doc.root.paths as JsonObject)) {
    let item: JsonObject;
    try {
      item = resolve(doc, rawItem) as JsonObject;
    } catch (error) {
      skipped.push({ item: path, reason: (error as Error).message });
      continue;
    }
    for (const method of operationMethods) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const label = `${method.toUpperCase()} ${path}`;
      if (method !== 'get' && !options.allMethods) {
        skipped.push({ item: label, reason: `${method.toUpperCase()} is not called by default (it may change data on both gateways): pass --all-methods` });
        continue;
      }
      const built = operationCase(doc, path, method, item, operation, label, credentials);
      if ('notImported' in built) skipped.push({ item: label, reason: built.notImported });
      else cases.push({ ...built, name: uniqueName(names, built.name, (base) => `${base} (${label})`) });
    }
  }
  if (isObject(doc.root.webhooks)) {
    for (const name of Object.keys(doc.root.webhooks)) skipped.push({ item: `webhook ${name}`, reason: 'a webhook is a call the API makes to its subscribers, not one a suite sends to the API' });
  }
  const key = apiEnvKey(api);
  const notes = [
    `Set LEGACY_API_${key}_URL and CANDIDATE_API_${key}_URL to the API's base URL on each gateway (suites say api: ${api}).`,
    `Set PARITY_API_${key}_OPENAPI=${options.sourceFile ?? '<this document>'} so both sides' responses are checked against it.`,
  ];
  for (const name of credentials) notes.push(`Export ${name}: a credential the document's operations need; suites read it from the environment ({{env.${name}}}).`);
  if (cases.length === 0) return { files: [], skipped, notes, credentials: [...credentials] };
  const draft: SuiteDraft = {
    file: `${slug(api) || 'api'}-openapi.yaml`,
    suite: doc.title,
    api,
    tags: ['openapi'],
    header: [
      `Imported from the OpenAPI document "${doc.title}" (${file}) by \`parity import openapi\`.`,
      'Review it before committing; re-importing over it needs --force.',
      `- One case per operation (${options.allMethods ? 'every method: the writes change data on both gateways' : 'GET only; --all-methods imports the others'}).`,
      '  Values come from the document\'s example, default or enum; where it gives none, the case',
      '  holds a {{TODO_<name>}} and is skipped until you write the value and remove `skip:`.',
      '- Each case expects the documented success status; parity and the contract do the rest.',
      `- Paths are relative to the API's base URL (the document's servers/basePath are not used): set`,
      `  LEGACY_API_${key}_URL and CANDIDATE_API_${key}_URL, and PARITY_API_${key}_OPENAPI for the contract check.`,
      ...(credentials.size > 0 ? [`- Credentials (read from the environment, never written here): ${[...credentials].map((name) => `{{env.${name}}}`).join(', ')}.`] : []),
    ],
    vars: {},
    varComments: {},
    cases,
  };
  return { files: [{ path: draft.file, yaml: renderSuite(draft), cases: cases.length }], skipped, notes, credentials: [...credentials] };
}

function operationCase(doc: OpenApiDocument, path: string, method: string, item: JsonObject, operation: JsonObject, label: string, credentials: Set<string>): CaseDraft | { notImported: string } {
  const upper = method.toUpperCase();
  if (!httpMethods.some((known) => known === upper)) return { notImported: `${upper} cannot be sent by a suite` };
  const security = operationSecurity(doc, operation);
  let built: ReturnType<typeof openApiRequest>;
  try {
    built = openApiRequest(doc, path, upper, item, operation, security.credentialNames);
  } catch (error) {
    return { notImported: (error as Error).message };
  }
  const summary = typeof operation.summary === 'string' ? operation.summary.trim() : '';
  const operationId = typeof operation.operationId === 'string' ? operation.operationId : '';
  const draft: CaseDraft = {
    name: (summary || operationId || label).replace(/\{\{|\}\}/g, ''),
    comments: [`${label}${operationId ? ` (operationId ${operationId})` : ''}`, ...built.comments],
    request: built.request,
  };
  for (const name of built.credentials) credentials.add(name);
  // An API key the target's grant does not send: the request carries it, from the environment.
  for (const key of security.apiKeys) {
    const envName = envNameFor(key.name);
    credentials.add(envName);
    if (key.in === 'query') draft.request.query = { ...draft.request.query, [key.name]: `{{env.${envName}}}` };
    else if (key.in === 'header') draft.request.headers = { ...draft.request.headers, [key.name.toLowerCase()]: `{{env.${envName}}}` };
    else draft.request.headers = { ...draft.request.headers, cookie: `${key.name}={{env.${envName}}}` };
    draft.comments.push(`Security scheme ${key.scheme} is an API key (${key.in} ${key.name}): sent from the environment variable ${envName}.`);
  }
  if (Object.keys(built.vars).length > 0) draft.vars = built.vars;
  if (built.todo.length > 0) draft.skip = `TODO: ${built.todo.join('; ')}`;
  const status = expectedStatus(operation.responses);
  if (status !== undefined) {
    draft.status = status.status;
    if (status.note) draft.comments.push(status.note);
  }
  if (upper === 'POST' || upper === 'PUT' || upper === 'PATCH') {
    const capture = createdCaptures(doc, successResponse(doc, operation.responses));
    if (capture) {
      draft.capture = capture;
      draft.comments.push(`Captures what the write creates (${Object.keys(capture).join(', ')}): each gateway's own value then compares as the same.`);
    }
  }
  // `security: []` is the document saying "no authentication": the only case sent without a token.
  if (security.none) draft.auth = 'none';
  const scopes = security.scopes;
  if (scopes.length > 0) draft.comments.push(`Needs scope${scopes.length > 1 ? 's' : ''} ${scopes.join(', ')}: the target's grant (LEGACY_SCOPE / CANDIDATE_SCOPE) must include ${scopes.length > 1 ? 'them' : 'it'}.`);
  if (operation.deprecated === true) draft.comments.push('The document marks this operation deprecated.');
  return draft;
}
