import { TargetUnreachableError, TimeoutError, type HarnessError } from '../errors';
import type { RetryRecord, TargetName } from '../model/result';

/** Why one attempt produced no usable response, and whether trying again can help. */
export interface Failure {
  reason: Extract<RetryRecord['reason'], 'connection' | 'timeout'>;
  /** Resets and transient DNS failures may heal; refused connections and bad certificates do not. */
  retriable: boolean;
  error: HarnessError;
}

export interface FailureContext {
  target: TargetName;
  method: string;
  /** Already redacted. */
  url: string;
  /** What people should check when it is unreachable; default: the target's base URL. */
  configuredAs?: string;
  /** What is down; default: the gateway. */
  subject?: string;
}

const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const connectTimeoutCodes = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const tlsCode = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH$|EPROTO$)/;

export function timeoutFailure(ctx: FailureContext, timeoutMs: number, phase: 'headers' | 'body'): Failure {
  const where = phase === 'headers' ? 'waiting for the response headers' : 'while reading the response body';
  return {
    reason: 'timeout',
    retriable: true,
    error: new TimeoutError(`${ctx.target}: ${ctx.method} ${ctx.url} timed out after ${timeoutMs} ms (${where})`, {
      target: ctx.target,
      hint: 'if the target is only slow, raise the request timeout (run.requestTimeoutMs); otherwise find out why it stalls',
    }),
  };
}

/** A failure before any response arrived: connect, TLS, DNS, reset before the headers. */
export function connectFailure(ctx: FailureContext, cause: unknown): Failure {
  const code = errorCode(cause);
  const { origin, host } = urlParts(ctx.url);
  const detail = describe(cause);
  const reason = describe(cause, false);
  const configuredAs = ctx.configuredAs ?? `the ${ctx.target} base URL for this API`;
  const subject = ctx.subject ?? 'the gateway';
  const unreachable = (message: string, hint: string, retriable: boolean): Failure => ({
    reason: 'connection',
    retriable,
    error: new TargetUnreachableError(message, { target: ctx.target, hint, cause }),
  });
  if (code === 'ECONNREFUSED') {
    return unreachable(`${ctx.target}: connection refused by ${origin} (${ctx.method} ${ctx.url})`, `is ${subject} up, and is ${configuredAs} right?`, false);
  }
  if (code && dnsCodes.has(code)) {
    return unreachable(
      `${ctx.target}: cannot resolve host ${host} (${code}) for ${ctx.method} ${ctx.url}`,
      `check the host name in ${configuredAs}, and DNS, VPN or proxy settings`,
      code === 'EAI_AGAIN',
    );
  }
  if (code && tlsCode.test(code)) {
    return unreachable(
      `${ctx.target}: TLS verification failed for ${host} (${code}: ${reason})`,
      `fix the certificate chain (NODE_EXTRA_CA_CERTS for a private CA); only for a sandbox or staging host, set tlsVerify off for ${ctx.target}`,
      false,
    );
  }
  if (code && resetCodes.has(code)) {
    return unreachable(
      `${ctx.target}: connection reset by ${origin} before the response (${ctx.method} ${ctx.url}): ${detail}`,
      `${subject}, a load balancer or a proxy dropped the connection; idempotent requests are retried (retry.transient)`,
      true,
    );
  }
  if (code && connectTimeoutCodes.has(code)) {
    return unreachable(`${ctx.target}: no connection to ${origin} (${code}) for ${ctx.method} ${ctx.url}`, `check that ${subject} is reachable from this machine (firewall, VPN, proxy)`, true);
  }
  return unreachable(`${ctx.target}: ${ctx.method} ${ctx.url} failed: ${detail}`, `check that ${subject} at ${origin} is reachable from this machine, and ${configuredAs}`, false);
}

/** The response started but its body broke off (reset, close before Content-Length was met). */
export function midBodyFailure(ctx: FailureContext, cause: unknown, receivedBytes: number): Failure {
  return {
    reason: 'connection',
    retriable: true,
    error: new TargetUnreachableError(
      `${ctx.target}: connection closed mid-body after ${receivedBytes} bytes (${ctx.method} ${ctx.url}): ${describe(cause)}`,
      { target: ctx.target, hint: 'the gateway or a proxy cut the response short; idempotent requests are retried (retry.transient)', cause },
    ),
  };
}

/** The first `code` in the error, its causes, or an AggregateError's members. */
export function errorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { code, cause, errors } = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') return code;
    queue.push(cause);
    if (Array.isArray(errors)) queue.push(...(errors as unknown[]));
  }
  return undefined;
}

/** The error's own words (and its cause's), with the code in front unless already there. */
function describe(error: unknown, withCode = true): string {
  const code = errorCode(error);
  const clean = (m: string): string => m.replace(/^(Error: )+/, '').replace(code ? new RegExp(`^${code}: (Error: )?`) : /^$/, '');
  const message = clean(error instanceof Error ? error.message : String(error));
  const causeMessage = error instanceof Error && error.cause instanceof Error ? clean(error.cause.message) : '';
  const text = causeMessage && !message.includes(causeMessage) ? `${message} (${causeMessage})` : message;
  return withCode && code && !text.includes(code) ? `${code}: ${text}` : text;
}

function urlParts(url: string): { origin: string; host: string } {
  try {
    const parsed = new URL(url);
    return { origin: parsed.origin, host: parsed.hostname };
  } catch {
    return { origin: url, host: url };
  }
}
