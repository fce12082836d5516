import { BaselineError } from '../errors';
import type { Exchange, HarnessErrorInfo, RecordedBody, RecordedRequest, RecordedResponse, RetryRecord, TargetName } from '../model/result';
import type { CallKey } from '../engine/exchangeSource';

/**
 * One recorded call as stored in `step-<n>-call-<k>.json`: the exchange exactly as the engine saw
 * it (already redacted when it was recorded), plus the key it answers. The envelope keys and
 * header names are written in a fixed order so re-recording an unchanged API gives an empty git diff.
 */
export interface RecordedCall {
  case: string;
  step: number;
  call: number;
  target: TargetName;
  startedAt: string;
  durationMs: number;
  request: RecordedRequest;
  response?: RecordedResponse;
  retries: RetryRecord[];
  error?: HarnessErrorInfo;
}

export function toRecordedCall(key: CallKey, exchange: Exchange): RecordedCall {
  return {
    case: key.caseId,
    step: key.stepIndex,
    call: key.call,
    target: exchange.target,
    startedAt: exchange.startedAt,
    durationMs: exchange.durationMs,
    request: exchange.request,
    response: exchange.response,
    retries: exchange.retries,
    error: exchange.error,
  };
}

/** Pretty JSON with a stable key order (bodies keep the order the gateway sent). */
export function renderRecordedCall(call: RecordedCall): string {
  const ordered = {
    case: call.case,
    step: call.step,
    call: call.call,
    target: call.target,
    startedAt: call.startedAt,
    durationMs: call.durationMs,
    request: {
      method: call.request.method,
      url: call.request.url,
      headers: sortedHeaders(call.request.headers),
      body: call.request.body ? orderedBody(call.request.body) : undefined,
    },
    response: call.response ? { status: call.response.status, headers: sortedHeaders(call.response.headers), body: orderedBody(call.response.body) } : undefined,
    retries: call.retries.map((retry) => ({
      attempt: retry.attempt,
      reason: retry.reason,
      status: retry.status,
      waitedMs: retry.waitedMs,
      detail: retry.detail,
    })),
    error: call.error,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Reads a recorded call back; a file that is not one is a BaselineError naming it. */
export function parseRecordedCall(text: string, file: string): RecordedCall {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw notACall(file, `it is not JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) throw notACall(file, 'it is not a JSON object');
  const request = value.request;
  if (!isObject(request) || typeof request.method !== 'string' || typeof request.url !== 'string' || !isObject(request.headers)) {
    throw notACall(file, '"request" needs method, url and headers');
  }
  const response = value.response;
  if (response !== undefined && (!isObject(response) || typeof response.status !== 'number' || !isObject(response.body))) {
    throw notACall(file, '"response" needs status and body');
  }
  if (response === undefined && value.error === undefined) throw notACall(file, 'it has neither a response nor an error');
  if (typeof value.durationMs !== 'number' || typeof value.startedAt !== 'string' || !Array.isArray(value.retries)) {
    throw notACall(file, 'it needs startedAt, durationMs and retries');
  }
  return value as unknown as RecordedCall;
}

function notACall(file: string, why: string): BaselineError {
  return new BaselineError(`${file} is not a recorded call: ${why}`, {
    file,
    hint: 'Baseline files are written by `parity record`; re-record the case or restore the file from git.',
  });
}

function sortedHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(headers).sort().map((name) => [name, headers[name]!]));
}

function orderedBody(body: RecordedBody): RecordedBody {
  return {
    kind: body.kind,
    contentType: body.contentType,
    bytes: body.bytes,
    sha256: body.sha256,
    truncated: body.truncated,
    parseError: body.parseError,
    json: body.json,
    text: body.text,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
