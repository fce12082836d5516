import { bodyKeys, requestKeys, stepDefaults } from './schema';
import { noteTemplate, noteTemplatesIn, readTemplate, type TemplateUses } from './templateUses';
import { didYouMeanSuffix } from '../shared/didYouMean';
import { httpMethods, type RequestBody, type RequestSpec, type Template } from './types';
import type { Cursor, YamlReader } from './yamlReader';

const shorthand = /^(?:([A-Za-z]+)\s+)?(\S+)$/;
const pathHint = 'Paths are relative to the API base URL and start with "/", e.g. /menu or /order/{{orderId}}.';

/**
 * A request: a mapping, or the shorthand string `"GET /menu"` / `"/menu"`. At most one body
 * (`json`, `text` or `form`); `contentType` only goes with `text`.
 */
export function parseRequest(reader: YamlReader, cursor: Cursor, uses: TemplateUses): RequestSpec | undefined {
  if (reader.kind(cursor) === 'string') return parseShorthand(reader, cursor, uses);
  const entries = reader.map(cursor, requestKeys, 'a request');
  if (!entries) return undefined;

  const methodAt = entries.get('method');
  const method = methodAt ? reader.oneOf(methodAt, httpMethods, 'HTTP method', { caseInsensitive: true }) : stepDefaults.method;
  const pathAt = entries.get('path');
  if (!pathAt && !entries.misspelled('path')) reader.fail(cursor, 'a request needs "path"', pathHint);
  const path = pathAt ? readPath(reader, pathAt, uses) : undefined;
  const query = readTemplateMap(reader, entries.get('query'), 'query parameter → value', uses, false);
  const headers = readTemplateMap(reader, entries.get('headers'), 'header name → value', uses, true);
  const body = parseBody(reader, cursor, entries, uses);
  if (method === undefined || path === undefined || query === undefined || headers === undefined || body === null) return undefined;
  return { method, path, query, headers, body };
}

function parseShorthand(reader: YamlReader, cursor: Cursor, uses: TemplateUses): RequestSpec | undefined {
  const text = reader.string(cursor)!.trim();
  const match = shorthand.exec(text);
  if (!match) return reader.fail(cursor, `cannot read request "${text}"`, 'Write "METHOD /path" (e.g. "GET /menu") or a mapping with method, path, query, headers and a body.');
  const method = match[1] === undefined ? stepDefaults.method : httpMethods.find((candidate) => candidate === match[1]!.toUpperCase());
  if (method === undefined) {
    return reader.fail(cursor, `unknown HTTP method "${match[1]}".${didYouMeanSuffix(match[1]!.toUpperCase(), httpMethods)}`, `Allowed: ${httpMethods.join(', ')}.`);
  }
  const path = match[2]!;
  if (!checkPath(reader, cursor, path)) return undefined;
  return noteTemplate(reader, cursor, path, 'request', uses) ? { method, path, query: {}, headers: {} } : undefined;
}

function readPath(reader: YamlReader, cursor: Cursor, uses: TemplateUses): Template | undefined {
  const path = readTemplate(reader, cursor, 'request', uses, { nonEmpty: true });
  return path !== undefined && checkPath(reader, cursor, path) ? path : undefined;
}

function checkPath(reader: YamlReader, cursor: Cursor, path: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    reader.fail(cursor, `path "${path}" is a full URL`, 'Base URLs come from the environment (LEGACY_API_<NAME>_URL and CANDIDATE_API_<NAME>_URL): write only the path, e.g. /menu or /order/{{orderId}}.');
    return false;
  }
  if (!path.startsWith('/') && !path.startsWith('{{')) {
    reader.fail(cursor, `path "${path}" must start with "/"`, pathHint);
    return false;
  }
  return true;
}

/** Query parameters, headers and form fields: names to (templated) scalar values. */
function readTemplateMap(reader: YamlReader, cursor: Cursor | undefined, what: string, uses: TemplateUses, lowerCaseKeys: boolean): Record<string, Template> | undefined {
  if (!cursor) return {};
  const entries = reader.freeMap(cursor, what);
  if (!entries) return undefined;
  const out: Record<string, Template> = {};
  let ok = true;
  for (const entry of entries) {
    const name = lowerCaseKeys ? entry.key.toLowerCase() : entry.key;
    if (lowerCaseKeys && name in out) {
      ok = reader.failAtKey(cursor, entry.cursor.keyNode, `header "${entry.key}" is given twice (header names ignore case)`) ?? false;
      continue;
    }
    const value = readTemplate(reader, entry.cursor, 'request', uses, { scalars: true });
    if (value === undefined) ok = false;
    else out[name] = value;
  }
  return ok ? out : undefined;
}

/** undefined = no body; null = a reported problem. */
function parseBody(reader: YamlReader, cursor: Cursor, entries: NonNullable<ReturnType<YamlReader['map']>>, uses: TemplateUses): RequestBody | undefined | null {
  const given = bodyKeys.filter((key) => entries.has(key));
  const contentTypeAt = entries.get('contentType');
  if (given.length > 1) {
    reader.fail(cursor, `a request has at most one body; found ${given.join(' and ')}`, 'Use json: for JSON, text: (with contentType:) for anything else, form: for form fields.');
    return null;
  }
  if (contentTypeAt && given[0] !== 'text') {
    reader.fail(contentTypeAt, 'contentType goes with a text: body', 'json: is sent as application/json and form: as application/x-www-form-urlencoded; to send another type, use text: with contentType:, or set a content-type header.');
    return null;
  }
  switch (given[0]) {
    case undefined:
      return undefined;
    case 'json': {
      const at = entries.get('json')!;
      const value = reader.plain(at);
      return noteTemplatesIn(reader, at, value, 'request', uses) ? { kind: 'json', value } : null;
    }
    case 'text': {
      const value = readTemplate(reader, entries.get('text')!, 'request', uses);
      const contentType = contentTypeAt ? reader.string(contentTypeAt, { nonEmpty: true }) : stepDefaults.textContentType;
      return value === undefined || contentType === undefined ? null : { kind: 'text', value, contentType };
    }
    case 'form': {
      const value = readTemplateMap(reader, entries.get('form'), 'form field → value', uses, false);
      return value === undefined ? null : { kind: 'form', value };
    }
    default: {
      const never: never = given[0];
      throw new Error(`unknown body kind ${String(never)}`);
    }
  }
}
