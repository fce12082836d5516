import type { NetworkConfig, ProfileName, RetryConfig } from '../config/types';
import { AuthError, TargetUnreachableError, TimeoutError } from '../errors';
import type { TargetName } from '../model/result';
import { connectFailure } from '../execute/classifyFailure';
import type { Redactor } from '../execute/redactor';
import { sendRaw } from '../execute/sendRequest';
import type { OutgoingRequest, Pacer } from '../execute/types';
import { oauthErrorHint, type HintContext } from './oauthErrorHint';
import { parseJsonObject } from '../shared/parseJsonObject';

export interface TokenEndpoint extends HintContext {
  target: TargetName;
  profile: ProfileName;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface TokenRequestDeps {
  redactor: Redactor;
  timeoutMs: number;
  tlsVerify: boolean;
  /** The target's proxy, CA bundle and client certificate. */
  network?: NetworkConfig;
  /** The target's retry settings (429 and transient failures). */
  retry?: RetryConfig;
  /** The run's pacer: a token request counts against the target's rate limit like any call. */
  pacer?: Pacer;
  signal?: AbortSignal;
}

/** A token endpoint's successful answer, as the RFC 6749 §5.1 JSON says it. */
export interface TokenResponse {
  accessToken: string;
  tokenType: string;
  expiresIn: number | null;
  scope?: string;
  refreshToken?: string;
}

/** Token responses are small; anything bigger is not a token response. */
const maxTokenResponseBytes = 1024 * 1024;

/**
 * POSTs one grant to the token endpoint: form-urlencoded body, client authenticated with
 * `Authorization: Basic base64(key:secret)` (facts §1, both platforms). Every token in the
 * answer is registered with the redactor before anything else looks at it. Failures are typed:
 * `AuthError` (refused, or nonsense), `TargetUnreachableError`, `TimeoutError` — each names the
 * target and the endpoint (host + path), never a secret.
 */
export async function requestToken(endpoint: TokenEndpoint, form: Record<string, string>, deps: TokenRequestDeps): Promise<TokenResponse> {
  const answer = await post(endpoint, form, deps);
  return interpret(answer, endpoint, form['grant_type'] ?? 'unknown', deps.redactor);
}

interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * The HTTP part: one POST through the harness's one client path (`sendRaw`: pacing, the target's
 * proxy, CA bundle and client certificate, timeout, 429 waits and transient retries — issuing a
 * token twice is harmless, so a token request retries like an idempotent call), the whole
 * (small) answer, or a typed transport error.
 */
async function post(endpoint: TokenEndpoint, form: Record<string, string>, deps: TokenRequestDeps): Promise<RawAnswer> {
  const { redactor } = deps;
  const where = hostAndPath(endpoint.tokenUrl);
  const basic = Buffer.from(`${endpoint.clientId}:${endpoint.clientSecret}`, 'utf8').toString('base64');
  const request: OutgoingRequest = {
    target: endpoint.target,
    method: 'POST',
    url: endpoint.tokenUrl,
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
    idempotent: true,
  };
  const { outcome, error } = await sendRaw(request, {
    timeoutMs: deps.timeoutMs,
    tlsVerify: deps.tlsVerify,
    network: deps.network,
    // A token endpoint that redirects is misconfigured: its 3xx is reported as it is.
    followRedirects: 'never',
    retry: deps.retry ?? noRetries,
    maxRecordedBodyBytes: maxTokenResponseBytes,
    signal: deps.signal,
    redactor,
    pacer: deps.pacer ?? unpaced,
    limits: { maxInflatedBodyBytes: maxTokenResponseBytes },
  });
  if (outcome.kind === 'response' && (error === undefined || error.name !== 'Interrupted')) {
    const { status, headers, body } = outcome.response;
    return { status, contentType: String(single(headers['content-type']) ?? ''), text: body.bytes.toString('utf8') };
  }
  const failure = outcome.kind === 'failure' ? outcome.failure : undefined;
  if (failure?.reason === 'timeout') {
    throw new TimeoutError(`${endpoint.target}: the token endpoint ${where} did not answer within ${deps.timeoutMs} ms`, {
      target: endpoint.target,
      hint: `check ${endpoint.envPrefix}_TOKEN_URL and that the endpoint is up; raise the request timeout if it is only slow`,
      cause: failure.error,
    });
  }
  const cause = failure?.error.cause ?? error ?? failure?.error;
  const inner = connectFailure(
    { target: endpoint.target, method: 'POST', url: redactor.redactUrl(endpoint.tokenUrl), subject: 'the token endpoint', configuredAs: `${endpoint.envPrefix}_TOKEN_URL` },
    cause,
  ).error;
  const why = (outcome.kind === 'interrupted' ? 'the run was interrupted' : inner.message).replace(`${endpoint.target}: `, '');
  throw new TargetUnreachableError(redactor.redactText(`${endpoint.target}: cannot get a token from ${where}: ${why}`), {
    target: endpoint.target,
    hint: inner.hint,
    cause,
  });
}

/** Without a run's pacer (a token provider used on its own), token requests are not paced. */
const unpaced: Pacer = { acquire: async () => () => undefined, pause: () => undefined, close: async () => undefined };
const noRetries: RetryConfig = { throttled: 0, transient: 0, backoffMs: 0 };

/** The OAuth2 part: register the tokens, then accept the answer or say exactly what is wrong. */
function interpret(answer: RawAnswer, endpoint: TokenEndpoint, grant: string, redactor: Redactor): TokenResponse {
  const { status, contentType, text } = answer;
  const json = parseJsonObject(text);
  // Register first: whatever happens next, no token from this answer can reach a report.
  for (const key of ['access_token', 'refresh_token', 'id_token'] as const) {
    const value = json?.[key];
    if (typeof value === 'string') redactor.add(value, `${endpoint.target}.${key}`);
  }
  const refused = (message: string, hint: string): AuthError =>
    new AuthError(redactor.redactText(`${endpoint.target}: the token endpoint ${hostAndPath(endpoint.tokenUrl)} ${message}`), {
      target: endpoint.target,
      hint: redactor.redactText(hint),
    });
  const notTheEndpoint = `check ${endpoint.envPrefix}_TOKEN_URL: it must be the OAuth2 token endpoint`;

  if (status < 200 || status > 299) {
    const code = typeof json?.['error'] === 'string' ? json['error'] : undefined;
    const description = typeof json?.['error_description'] === 'string' ? json['error_description'] : undefined;
    if (code) {
      throw refused(`refused the ${grant} grant (HTTP ${status}): ${code}${description ? ` — ${description}` : ''}`, oauthErrorHint(code, grant, endpoint));
    }
    const hint = status === 401 ? oauthErrorHint('invalid_client', grant, endpoint) : notTheEndpoint;
    throw refused(`answered HTTP ${status} to the ${grant} grant without an OAuth2 error${snippet(text, contentType, redactor)}`, hint);
  }
  if (!json) {
    throw refused(`answered HTTP ${status} with a body that is not JSON${snippet(text, contentType, redactor)}`, `${notTheEndpoint}, not a login page or the API`);
  }
  const accessToken = json['access_token'];
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw refused(`answered HTTP ${status} with JSON that has no access_token (keys: ${Object.keys(json).join(', ') || 'none'})`, notTheEndpoint);
  }
  return {
    accessToken,
    tokenType: typeof json['token_type'] === 'string' && json['token_type'] !== '' ? json['token_type'] : 'Bearer',
    expiresIn: toNumber(json['expires_in']),
    scope: typeof json['scope'] === 'string' ? json['scope'] : undefined,
    refreshToken: typeof json['refresh_token'] === 'string' && json['refresh_token'] !== '' ? json['refresh_token'] : undefined,
  };
}

/** `host/path` of the endpoint: what people need to find it, without query or user-info. */
function hostAndPath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparsable token URL)';
  }
}


/** `expires_in` as a number of seconds; some servers send it as a string. */
function toNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}

function snippet(text: string, contentType: string, redactor: Redactor): string {
  const type = contentType ? ` (content-type ${contentType})` : '';
  // Redact before cutting, so that no secret is cut into an unrecognisable prefix.
  const flat = redactor.redactText(text).replace(/\s+/g, ' ').trim();
  return flat === '' ? `${type}: empty body` : `${type}: "${flat.slice(0, 120)}${flat.length > 120 ? '…' : ''}"`;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
