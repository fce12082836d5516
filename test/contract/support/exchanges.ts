import path from 'node:path';
import type { Exchange, RecordedBody, TargetName } from '../../../src/model/result';

export const projectRoot = path.resolve(__dirname, '../../..');
export const fixtures = 'test/fixtures/openapi';

export interface ResponseSpec {
  status?: number;
  /** `null`: no Content-Type header at all. */
  contentType?: string | null;
  json?: unknown;
  text?: string;
  xml?: string;
  /** No body (kind `empty`). */
  empty?: boolean;
  /** The content type promised JSON but the bytes did not parse. */
  parseError?: string;
}

/** A recorded exchange as plain data, the way the execute stage records one. */
export function exchange(target: TargetName, method: string, url: string, spec: ResponseSpec | undefined): Exchange {
  const base: Exchange = {
    target,
    request: { method, url, headers: {} },
    startedAt: '2025-11-24T10:00:00.000Z',
    durationMs: 12,
    retries: [],
    source: 'live',
  };
  if (!spec) return { ...base, error: { name: 'TargetUnreachableError', message: 'connection refused' } };
  const contentType = spec.contentType === undefined ? 'application/json' : spec.contentType;
  return {
    ...base,
    response: {
      status: spec.status ?? 200,
      headers: contentType === null ? {} : { 'content-type': contentType },
      body: body(spec, contentType ?? undefined),
    },
  };
}

function body(spec: ResponseSpec, contentType: string | undefined): RecordedBody {
  const typed = contentType === undefined ? {} : { contentType };
  if (spec.empty) return { kind: 'empty', ...typed, bytes: 0 };
  if (spec.parseError !== undefined) return { kind: 'text', ...typed, bytes: (spec.text ?? '').length, text: spec.text ?? '', parseError: spec.parseError };
  if (spec.xml !== undefined) return { kind: 'xml', ...typed, bytes: spec.xml.length, text: spec.xml };
  if (spec.text !== undefined) return { kind: 'text', ...typed, bytes: spec.text.length, text: spec.text };
  // As the recorder keeps a JSON body: the parsed value only (no raw text beside it).
  return { kind: 'json', ...typed, bytes: JSON.stringify(spec.json ?? null).length, json: spec.json ?? null };
}

/** The menu as the real PizzaShack backend answers it: `icon`, where the spec says `image`. */
export function backendMenu(): Array<Record<string, unknown>> {
  return [
    { name: 'BBQ Chicken Bacon', description: 'Grilled white chicken, hickory-smoked bacon', price: '15.99', icon: '/images/6.png' },
    { name: 'Chicken Parmesan', description: 'Grilled chicken, fresh tomatoes, feta', price: '12.99', icon: '/images/1.png' },
    { name: 'Garden Fresh', description: 'Onions, green peppers, gourmet mushrooms', price: '11.99', icon: '/images/3.png' },
  ];
}
