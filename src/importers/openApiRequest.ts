import type { RequestDraft } from './caseDraft';
import { isObject, resolve, type JsonObject, type OpenApiDocument } from './openApiDocument';
import { asText, documentedValue } from './openApiValues';
import { schemaSample } from './openApiSchemaSample';
import { isFormMediaType, isJsonMediaType } from './requestBody';
import { envNameFor, isSecretName } from './secretNames';
import { suiteVarName } from './suiteVarName';

export interface OpenApiRequest {
  request: RequestDraft;
  /** Case vars: documented path values, and `TODO_<name>` markers. */
  vars: Record<string, string>;
  /** Why the case cannot run as imported (each a value the document does not give). */
  todo: string[];
  comments: string[];
  /** Environment variables the request reads credentials from (`{{env.NAME}}`). */
  credentials: string[];
}

/** Headers OpenAPI 3 says are ignored as parameters: the harness sets them itself. */
const ignoredHeaders = new Set(['authorization', 'accept', 'content-type']);

/**
 * The request of one operation, from its parameters (path-level merged with operation-level)
 * and its request body. Throws (with a reason for the skipped list) on an unresolvable `$ref` or
 * something a suite cannot send.
 */
export function openApiRequest(doc: OpenApiDocument, path: string, method: string, item: JsonObject, operation: JsonObject, credentialNames: ReadonlySet<string> = new Set()): OpenApiRequest {
  const params = mergeParameters(doc, item.parameters, operation.parameters);
  const out: OpenApiRequest = { request: { method, path }, vars: {}, todo: [], comments: [], credentials: [] };
  const todoVar = (name: string, why: string): string => {
    const marker = `TODO_${suiteVarName(name)}`;
    out.vars[marker] = 'TODO';
    out.todo.push(why);
    out.comments.push(`TODO: replace {{${marker}}} (${why}), then remove \`skip:\`.`);
    return `{{${marker}}}`;
  };

  out.request.path = path.replace(/\{([^}]+)\}/g, (_all, name: string) => {
    const param = params.find((candidate) => candidate.in === 'path' && candidate.name === name);
    const value = param ? documentedValue(doc, param) : undefined;
    if (!value) return todoVar(name, `path parameter ${name} has no example, default or enum in the document`);
    const varName = suiteVarName(name);
    out.vars[varName] = asText(value.value);
    return `{{${varName}}}`;
  });

  const query: Record<string, string> = {};
  const headers: Record<string, string> = {};
  const omitted: string[] = [];
  for (const param of params) {
    const name = String(param.name);
    const place = param.in;
    if (place === 'path' || place === 'body' || place === 'formData') continue;
    if (place === 'header' && ignoredHeaders.has(name.toLowerCase())) continue;
    if (param.required !== true) {
      omitted.push(`${name} (${String(place)})`);
      continue;
    }
    if (place === 'cookie') {
      out.todo.push(`cookie parameter ${name} is required; send it as a cookie header`);
      continue;
    }
    const target = place === 'header' ? headers : query;
    const key = place === 'header' ? name.toLowerCase() : name;
    if (isSecretName(name) || credentialNames.has(name.toLowerCase())) {
      target[key] = `{{env.${envNameFor(name)}}}`;
      out.credentials.push(envNameFor(name));
      out.comments.push(`${name} ${credentialNames.has(name.toLowerCase()) ? 'is an API key of the document\'s security schemes' : 'looks like a credential'}: it is read from the environment variable ${envNameFor(name)}.`);
      continue;
    }
    const value = documentedValue(doc, param);
    target[key] = value ? asText(value.value) : todoVar(name, `${String(place)} parameter ${name} is required and has no example, default or enum`);
  }
  if (omitted.length > 0) out.comments.push(`Optional parameters not sent: ${omitted.join(', ')}.`);
  if (Object.keys(query).length > 0) out.request.query = query;
  if (Object.keys(headers).length > 0) out.request.headers = headers;
  if (method !== 'GET' && method !== 'HEAD') addBody(doc, out, params, operation);
  return out;
}

function mergeParameters(doc: OpenApiDocument, pathLevel: unknown, operationLevel: unknown): JsonObject[] {
  const merged = new Map<string, JsonObject>();
  for (const list of [pathLevel, operationLevel]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const param = resolve(doc, raw);
      if (!isObject(param) || typeof param.name !== 'string') continue;
      // An operation's parameter replaces the path item's of the same name and location.
      merged.set(`${String(param.in)}:${param.name}`, param);
    }
  }
  return [...merged.values()];
}

function addBody(doc: OpenApiDocument, out: OpenApiRequest, params: JsonObject[], operation: JsonObject): void {
  const bodyParam = params.find((param) => param.in === 'body');
  const formParams = params.filter((param) => param.in === 'formData');
  if (formParams.length > 0) {
    if (formParams.some((param) => param.type === 'file')) throw new Error('it uploads a file (formData type: file), which a suite cannot send');
    const form: Record<string, string> = {};
    for (const param of formParams) {
      const value = documentedValue(doc, param);
      if (value) form[String(param.name)] = asText(value.value);
      else if (param.required === true) form[String(param.name)] = `{{${todoMarker(out, String(param.name), `form field ${String(param.name)} has no example`)}}}`;
    }
    out.request.form = form;
    return;
  }
  // Swagger 2.0 carries the body as a parameter; OpenAPI 3 as requestBody.content.
  const body = bodyParam
    ? { required: bodyParam.required === true, mediaType: firstOf(operation.consumes ?? doc.root.consumes) ?? 'application/json', holder: bodyParam }
    : openApi3Body(doc, operation.requestBody);
  if (!body) return;
  let value = documentedValue(doc, body.holder);
  if (!value && isJsonMediaType(body.mediaType)) {
    // No example: the body is built from the schema (its property examples and defaults, and
    // every required property), as a generated request in Swagger UI or Prism would be.
    const built = schemaSample(doc, body.holder.schema);
    if (built && !(isObject(built.value) && Object.keys(built.value).length === 0 && !body.required)) {
      value = { value: built.value };
      out.comments.push(
        built.placeholders.length > 0
          ? `Body built from the schema; ${built.placeholders.join(', ')} ${built.placeholders.length === 1 ? 'is a placeholder' : 'are placeholders'} of the right type (the document gives no example): review.`
          : 'Body built from the schema\'s property examples and defaults (the document gives no example of the whole body).',
      );
    }
  }
  if (!value) {
    if (!body.required) return;
    out.request.json = {};
    out.todo.push('the request body has no example in the document');
    out.comments.push(`TODO: write the request body (${body.mediaType}; the document gives no example), then remove \`skip:\`.`);
    return;
  }
  if (isJsonMediaType(body.mediaType)) {
    out.request.json = value.value;
    if (!/^application\/json\b/i.test(body.mediaType)) out.request.headers = { ...out.request.headers, 'content-type': body.mediaType };
  } else if (isFormMediaType(body.mediaType) && isObject(value.value)) {
    out.request.form = Object.fromEntries(Object.entries(value.value).map(([key, item]) => [key, asText(item)]));
  } else if (typeof value.value === 'string') {
    out.request.text = value.value;
    out.request.contentType = body.mediaType;
  } else throw new Error(`its ${body.mediaType} body example is not text`);
}

function openApi3Body(doc: OpenApiDocument, requestBody: unknown): { required: boolean; mediaType: string; holder: JsonObject } | undefined {
  const resolved = resolve(doc, requestBody);
  if (!isObject(resolved) || !isObject(resolved.content)) return undefined;
  const types = Object.keys(resolved.content);
  const mediaType = types.find(isJsonMediaType) ?? types.find(isFormMediaType) ?? types[0];
  if (mediaType === undefined) return undefined;
  const holder = resolved.content[mediaType];
  return { required: resolved.required === true, mediaType, holder: isObject(holder) ? holder : {} };
}

function todoMarker(out: OpenApiRequest, name: string, why: string): string {
  const marker = `TODO_${suiteVarName(name)}`;
  out.vars[marker] = 'TODO';
  out.todo.push(why);
  return marker;
}

function firstOf(value: unknown): string | undefined {
  return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
}
