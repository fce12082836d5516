import type { RecordedBody, RecordedResponse } from '../model/result';
import type { ComparableBody, ComparableResponse } from './comparable';
import { canonicalizeXml } from './diff/canonicalizeXml';
import { maxRecursiveDepth } from './diff/maxRecursiveDepth';
import { openJwt } from './jwtView';
import { mapArrayCopyOnWrite, mapRecordCopyOnWrite } from './copyOnWrite';

/**
 * A recorded response in the raw comparable form: nothing hidden or rewritten, only decoded so
 * that two recordings of the same content compare equal — XML canonicalized (attribute order,
 * insignificant whitespace), JWT-shaped strings opened into their claims. Differences between
 * two raw forms are what normalization has to explain.
 */
export function toRawForm(response: RecordedResponse): ComparableResponse {
  const headers: Record<string, unknown> = {};
  const recorded = response.headers;
  for (const name in recorded) {
    if (!Object.prototype.hasOwnProperty.call(recorded, name)) continue;
    const value = recorded[name] as string;
    headers[name.toLowerCase()] = openJwt(value) ?? value;
  }
  return { status: response.status, headers, body: rawBody(response.body) };
}

function rawBody(body: RecordedBody): ComparableBody {
  if (body.truncated || body.kind === 'binary') return { kind: 'digest', value: digestOf(body) };
  switch (body.kind) {
    case 'empty':
      return { kind: 'empty' };
    case 'json':
      return body.json === undefined && body.parseError ? { kind: 'text', value: body.text ?? '' } : { kind: 'json', value: openJwts(body.json, 0) };
    case 'xml':
      return xmlBody(body.text ?? '');
    case 'text':
      return { kind: 'text', value: body.text ?? '' };
    default: {
      const unknownKind: never = body.kind;
      throw new Error(`unknown recorded body kind ${JSON.stringify(unknownKind)}; expected empty, json, xml, text or binary`);
    }
  }
}

function digestOf(body: RecordedBody): { bytes: number; sha256: string; truncated?: true } {
  return { bytes: body.bytes, sha256: body.sha256 ?? 'unknown', truncated: body.truncated ? true : undefined };
}

/** XML as its canonical tree (so paths read `$.order.id`); malformed XML is still compared — as the text it is. */
function xmlBody(text: string): ComparableBody {
  try {
    return { kind: 'xml', value: openJwts(canonicalizeXml(text), 0) };
  } catch {
    return { kind: 'text', value: text };
  }
}

/** JWT-shaped strings opened; a subtree without one is returned as it was (shared, never changed). */
function openJwts(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return openJwt(value) ?? value;
  if (typeof value !== 'object' || value === null || depth >= maxRecursiveDepth) return value;
  const child = (item: unknown): unknown => openJwts(item, depth + 1);
  return Array.isArray(value) ? mapArrayCopyOnWrite(value, child) : mapRecordCopyOnWrite(value as Record<string, unknown>, child);
}
