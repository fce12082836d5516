import type { IncomingHttpHeaders } from 'node:http';
import { InterruptedError, RedirectLimitError, ThrottledError, toErrorInfo, type HarnessError } from '../errors';
import type { Exchange, HarnessErrorInfo, RecordedBody, RecordedRequest, RecordedResponse, RetryRecord } from '../model/result';
import { applyCaptures } from '../suite/capture';
import type { Redactor } from './redactor';
import { registerCapturedSecrets } from './registerTemplateSecrets';
import { attempt, type AttemptOutcome, type RawResponse } from './attempt';
import { recordBody } from './recordBody';
import { sleep } from './sleep';
import { throttleWait } from './throttleWait';
import type { OutgoingRequest, SendLimits, SendRequest, SendSettings } from './types';

export const defaultSendLimits = {
  maxThrottleWaitMs: 60_000,
  throttleWindowMs: 60_000,
  maxInflatedBodyBytes: 64 * 1024 * 1024,
  maxRedirects: 5,
} satisfies SendLimits;

const transientStatuses = new Set([502, 503, 504]);

/**
 * Sends one request and records the exchange (redacted, headers lower-cased). Never throws for
 * target trouble: the exchange carries `error` instead.
 *
 * Retries, each one appended to `exchange.retries`; the final attempt is what is recorded:
 * - 429 — every method (the gateway rejected it before the backend saw it): wait as
 *   `throttleWait` says, at most `retry.throttled` times, and never longer than
 *   `maxThrottleWaitMs` (a longer demand is an error, not a stall). The pacer is told, so that
 *   no other request to that target starts before the wait is over.
 * - 502/503/504, connection reset, timeout — idempotent requests only (a POST may have been
 *   processed), at most `retry.transient` times, waiting `backoffMs`, then twice that, ….
 */
export const sendRequest: SendRequest = async (request, settings) => {
  try {
    return await sendWithRetries(request, settings);
  } catch (error) {
    // A harness bug must not lose the case: record it like any other failure.
    const info = toErrorInfo(error);
    return {
      target: request.target,
      request: { method: request.method.toUpperCase(), url: settings.redactor.redactUrl(request.url), headers: settings.redactor.redactHeaders(request.headers) },
      startedAt: new Date().toISOString(),
      durationMs: 0,
      retries: [],
      source: 'live',
      error: { ...info, message: settings.redactor.redactText(info.message), target: request.target },
    };
  }
};

async function sendWithRetries(request: OutgoingRequest, settings: SendSettings): Promise<Exchange> {
  const recordedRequest = recordRequest(request, settings);
  const { outcome, retries, error } = await sendRaw(request, settings);
  return toExchange(request, settings, recordedRequest, outcome, retries, error);
}

/** One request through the shared client path, before anything is recorded: what came back, the retries, the error. */
export interface RawExchange {
  outcome: AttemptOutcome;
  retries: RetryRecord[];
  error: HarnessError | undefined;
}

/**
 * The one HTTP client path of the harness: pacing, the target's proxy, CA bundle and client
 * certificate, timeouts, redirects, 429 waits and transient retries. API calls go through it via
 * `sendRequest`, which records the exchange; token requests use it directly and read the answer
 * themselves, so that every network and retry setting applies to them too.
 */
export async function sendRaw(request: OutgoingRequest, settings: SendSettings): Promise<RawExchange> {
  const limits: SendLimits = { ...defaultSendLimits, ...settings.limits };
  const retries: RetryRecord[] = [];
  const used: RetriesUsed = { throttled: 0, transient: 0 };
  // A secret shared with the run-wide registry reaches it before it goes on the wire, so no other
  // process can record an echo of it before knowing it.
  await settings.redactor.flush();
  for (let attemptNo = 1; ; attemptNo += 1) {
    const outcome = await attempt(request, settings, limits);
    const decision = decide(outcome, attemptNo, used, request, settings, limits);
    if ('stop' in decision) return { outcome, retries, error: decision.stop };
    retries.push(decision.retry);
    if (!(await sleep(decision.retry.waitedMs, settings.signal))) return { outcome, retries, error: interrupted(request, settings) };
  }
}

interface RetriesUsed {
  throttled: number;
  transient: number;
}

/** Retry (after how long, and why) or stop (with which error, if any) after one attempt. */
type Decision = { retry: RetryRecord } | { stop: HarnessError | undefined };

function decide(outcome: AttemptOutcome, attemptNo: number, used: RetriesUsed, request: OutgoingRequest, settings: SendSettings, limits: SendLimits): Decision {
  const transientLeft = request.idempotent && used.transient < settings.retry.transient;
  const backoff = settings.retry.backoffMs * 2 ** used.transient;
  if (outcome.kind === 'interrupted') return { stop: interrupted(request, settings) };
  if (outcome.kind === 'failure') {
    const { failure } = outcome;
    if (!(failure.retriable && transientLeft)) return { stop: failure.error };
    used.transient += 1;
    return { retry: { attempt: attemptNo, reason: failure.reason, waitedMs: backoff, detail: settings.redactor.redactText(failure.error.message) } };
  }

  const { status, headers, body } = outcome.response;
  const retryAfter = header(headers, 'retry-after');
  if (status === 429) {
    const hint = throttleWait(retryAfter, faultText(body.bytes), Date.now(), limits.throttleWindowMs);
    // Every other request to this target waits too; never longer than the cap, so one absurd
    // Retry-After cannot stall the whole run.
    settings.pacer.pause(request.target, Date.now() + Math.min(hint.waitMs, limits.maxThrottleWaitMs));
    if (hint.waitMs > limits.maxThrottleWaitMs) {
      return { stop: throttled(request, settings, `asked to wait ${hint.waitMs} ms (${hint.detail}), more than the ${limits.maxThrottleWaitMs} ms allowed`) };
    }
    if (used.throttled >= settings.retry.throttled) {
      return { stop: throttled(request, settings, `still throttled after ${used.throttled} ${used.throttled === 1 ? 'retry' : 'retries'}`) };
    }
    used.throttled += 1;
    return { retry: { attempt: attemptNo, reason: 'throttled', status, waitedMs: hint.waitMs, detail: `429: ${hint.detail}` } };
  }
  if (transientStatuses.has(status) && transientLeft) {
    // A 503 may say when to come back; never sooner than the backoff, never past the cap.
    const asked = retryAfter === undefined ? 0 : throttleWait(retryAfter, '', Date.now(), limits.throttleWindowMs).waitMs;
    const ms = Math.min(Math.max(backoff, asked), Math.max(backoff, limits.maxThrottleWaitMs));
    used.transient += 1;
    return { retry: { attempt: attemptNo, reason: 'server-error', status, waitedMs: ms, detail: `${status} from the target: backed off ${ms} ms` } };
  }
  return { stop: outcome.redirectLimitReached ? redirectLimit(request, settings, limits) : undefined };
}

function toExchange(
  request: OutgoingRequest,
  settings: SendSettings,
  recordedRequest: RecordedRequest,
  outcome: AttemptOutcome,
  retries: RetryRecord[],
  error: HarnessError | undefined,
): Exchange {
  const raw = outcome.kind === 'response' ? outcome.response : outcome.partial;
  if (raw && request.secretCaptures) registerSecretCaptures(request, raw, settings.redactor);
  // Captures read the answer as sent; only the record below is redacted.
  if (outcome.kind === 'response') settings.onUnredactedResponse?.({ status: outcome.response.status, headers: outcome.response.headers, body: outcome.response.body.bytes });
  const finalError = error ?? (outcome.kind === 'failure' ? outcome.failure.error : undefined);
  const startedAt = new Date(outcome.startedAt ?? Date.now()).toISOString();
  const durationMs = outcome.durationMs ?? 0;
  // Two literals rather than conditional spreads (a generic copy per exchange); same key order.
  const exchange: Exchange = raw
    ? { target: request.target, request: recordedRequest, response: recordResponse(raw, settings), startedAt, durationMs, retries, source: 'live' }
    : { target: request.target, request: recordedRequest, startedAt, durationMs, retries, source: 'live' };
  if (finalError) exchange.error = errorInfo(finalError, settings, retries.length);
  return exchange;
}

function recordRequest(request: OutgoingRequest, settings: SendSettings): RecordedRequest {
  const { redactor } = settings;
  const headers = redactor.redactHeaders(request.headers);
  const body = request.body === undefined ? undefined : typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
  return {
    method: request.method.toUpperCase(),
    url: redactor.redactUrl(request.url),
    headers,
    // keepJsonText: the curl line in the reports repeats a request body byte for byte.
    body: body ? recordBody(body, headers['content-type'], { redactor, maxRecordedBodyBytes: settings.maxRecordedBodyBytes, keepJsonText: true }) : undefined,
  };
}

function recordResponse(raw: RawResponse, settings: SendSettings): RecordedResponse {
  const headers = settings.redactor.redactHeaders(raw.headers);
  const { bytes, capped, streamError, decodeProblem } = raw.body;
  return {
    status: raw.status,
    headers,
    body: recordBody(bytes, headers['content-type'], {
      redactor: settings.redactor,
      maxRecordedBodyBytes: settings.maxRecordedBodyBytes,
      incomplete: capped || streamError !== undefined,
      decodeProblem,
    }),
  };
}

function errorInfo(error: HarnessError, settings: SendSettings, retried: number): HarnessErrorInfo {
  const info = error.toInfo();
  const after = retried > 0 && error.name !== 'Interrupted' ? ` (gave up after ${retried} ${retried === 1 ? 'retry' : 'retries'})` : '';
  return {
    ...info,
    message: settings.redactor.redactText(`${info.message}${after}`),
    hint: info.hint === undefined ? undefined : settings.redactor.redactText(info.hint),
  };
}

function interrupted(request: OutgoingRequest, settings: SendSettings): HarnessError {
  return new InterruptedError(`${request.target}: ${request.method.toUpperCase()} ${settings.redactor.redactUrl(request.url)} was interrupted before it finished`, {
    target: request.target,
    hint: 'the run was stopped (Ctrl-C or run timeout); this case did not complete',
  });
}

function throttled(request: OutgoingRequest, settings: SendSettings, why: string): HarnessError {
  return new ThrottledError(`${request.target}: ${request.method.toUpperCase()} ${settings.redactor.redactUrl(request.url)} was throttled (429): ${why}`, {
    target: request.target,
    hint: `lower the ${request.target} rate limit (requests per minute) to the subscription's quota, or run fewer cases at once`,
  });
}

function redirectLimit(request: OutgoingRequest, settings: SendSettings, limits: SendLimits): HarnessError {
  return new RedirectLimitError(
    `${request.target}: ${request.method.toUpperCase()} ${settings.redactor.redactUrl(request.url)} redirected more than ${limits.maxRedirects} times; the last redirect is recorded`,
    { target: request.target, hint: 'check the base URL for a redirect loop (http→https, trailing slash)' },
  );
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The head of a throttling fault, for `nextAccessTime`. */
function faultText(bytes: Buffer): string {
  return bytes.subarray(0, 64 * 1024).toString('utf8');
}
export { closeHttpAgents } from './httpAgents';

/** Values of the step's credential-named captures, read from the raw answer and registered before it is recorded. */
function registerSecretCaptures(request: OutgoingRequest, raw: RawResponse, redactor: Redactor): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw.headers)) if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  let json: unknown;
  try {
    json = JSON.parse(raw.body.bytes.toString('utf8'));
  } catch {
    json = undefined;
  }
  const body: RecordedBody = json === undefined ? { kind: 'text', bytes: raw.body.bytes.length } : { kind: 'json', bytes: raw.body.bytes.length, json };
  const { values } = applyCaptures(request.secretCaptures ?? {}, { status: raw.status, headers, body });
  registerCapturedSecrets(request.target, values, redactor);
}
