import { evaluateJsonPath } from '../model/jsonPath';
import type { RecordedBody } from '../model/result';
import type { CaptureSpec } from './types';

/**
 * What a capture reads: a response with lower-cased header names and, for JSON, the parsed body.
 * Normally the UNREDACTED answer (`captureSourceOf`): a captured token, password or API key must
 * be sent onward as the gateway sent it, not as the report's `«redacted:…»` marker. A recorded
 * (redacted) response fits too — a replayed baseline has nothing else.
 */
export interface CaptureSource {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: Pick<RecordedBody, 'kind' | 'json' | 'contentType' | 'parseError'>;
}

/** The capture view of a response as it came off the wire (header names lower-cased, repeats joined like the record). */
export function captureSourceOf(response: { status: number; headers: Readonly<Record<string, string | string[] | undefined>>; body: Buffer }): CaptureSource {
  const headers: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    const name = rawName.toLowerCase();
    const joined = Array.isArray(value) ? value.join(name === 'set-cookie' ? '\n' : ', ') : String(value);
    headers[name] = headers[name] === undefined ? joined : `${headers[name]}, ${joined}`;
  }
  const contentType = headers['content-type'];
  const typed = contentType ? { contentType } : {};
  if (response.body.length === 0) return { status: response.status, headers, body: { kind: 'empty', ...typed } };
  const text = response.body.toString('utf8');
  const looksJson = contentType ? /[/+]json\b/i.test(contentType) : /^\s*[[{]/.test(text);
  if (!looksJson) return { status: response.status, headers, body: { kind: 'text', ...typed } };
  try {
    return { status: response.status, headers, body: { kind: 'json', json: JSON.parse(text) as unknown, ...typed } };
  } catch (error) {
    return { status: response.status, headers, body: { kind: 'text', ...typed, parseError: (error as Error).message } };
  }
}

export interface CaptureOutcome {
  /** Captured values, always strings (numbers and booleans in their JSON text). */
  values: Record<string, string>;
  /** One sentence per capture that failed; the caller decides whether that fails the step. */
  errors: string[];
}

/**
 * Reads the values a step captures from one target's response. A capture must find exactly one
 * scalar: capturing "some element of a list" would make the two targets pick different ones.
 */
export function applyCaptures(spec: Readonly<Record<string, CaptureSpec>>, response: CaptureSource): CaptureOutcome {
  const values: Record<string, string> = {};
  const errors: string[] = [];
  for (const [name, capture] of Object.entries(spec)) {
    const result = captureOne(capture, response);
    if ('value' in result) values[name] = result.value;
    else errors.push(`capture "${name}": ${result.error}`);
  }
  return { values, errors };
}

function captureOne(capture: CaptureSpec, response: CaptureSource): { value: string } | { error: string } {
  switch (capture.from) {
    case 'status':
      return { value: String(response.status) };
    case 'header': {
      const name = capture.name.toLowerCase();
      const header = response.headers[name];
      if (header === undefined) return { error: `the response (status ${response.status}) has no "${name}" header` };
      if (capture.regex === undefined) return { value: header };
      const match = new RegExp(capture.regex).exec(header);
      if (!match) return { error: `header "${name}" value ${JSON.stringify(header)} does not match /${capture.regex}/` };
      return { value: match[1] ?? match[0] };
    }
    case 'json': {
      const body = response.body;
      if (body.kind !== 'json' || body.json === undefined) {
        const why = body.parseError ? `its JSON did not parse (${body.parseError})` : `it is ${body.kind === 'empty' ? 'empty' : `${body.kind}${body.contentType ? ` (${body.contentType})` : ''}`}`;
        return { error: `cannot read ${capture.path}: the response body (status ${response.status}) is not JSON — ${why}` };
      }
      const found = evaluateJsonPath(capture.path, body.json);
      if (found.length === 0) return { error: `${capture.path} matched nothing in the response body (status ${response.status})` };
      if (found.length > 1) return { error: `${capture.path} matched ${found.length} values; a capture needs exactly one — use an index such as [0]` };
      const value = found[0];
      if (typeof value === 'string') return { value };
      if (typeof value === 'number' || typeof value === 'boolean') return { value: String(value) };
      return { error: `${capture.path} is ${value === null ? 'null' : Array.isArray(value) ? 'a list' : 'an object'}; a capture needs a string, number or boolean` };
    }
    default: {
      const never: never = capture;
      throw new Error(`unknown capture ${JSON.stringify(never)}`);
    }
  }
}
