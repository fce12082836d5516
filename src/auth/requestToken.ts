import { request as undiciRequest } from 'undici';
import type { ProfileName } from '../config/types';
import { AuthError, TargetUnreachableError, TimeoutError } from '../errors';
import type { TargetName } from '../model/result';
import { connectFailure } from '../execute/classifyFailure';
import { getHttpAgent } from '../execute/httpAgents';
import { readBody } from '../execute/readBody';
import type { Redactor } from '../execute/redactor';
import { oauthErrorHint, type HintContext } from './oauthErrorHint';

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

/** The HTTP part: one POST, the whole (small) answer, or a typed transport error. */
async function post(endpoint: TokenEndpoint, form: Record<string, string>, deps: TokenRequestDeps): Promise<RawAnswer> {
  const { redactor } = deps;
  const where = hostAndPath(endpoint.tokenUrl);
  const basic = Buffer.from(`${endpoint.clientId}:${endpoint.clientSecret}`, 'utf8').toString('base64');
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, deps.timeoutMs);
  try {
    const res = await undiciRequest(endpoint.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      dispatcher: getHttpAgent(endpoint.target, deps.tlsVerify),
      signal: controller.signal,
    });
    const read = await readBody(res.body, single(res.headers['content-encoding']), maxTokenResponseBytes);
    if (read.streamError !== undefined) throw read.streamError;
    return { status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), text: read.bytes.toString('utf8') };
  } catch (error) {
    if (timedOut) {
      throw new TimeoutError(`${endpoint.target}: the token endpoint ${where} did not answer within ${deps.timeoutMs} ms`, {
        target: endpoint.target,
        hint: `check ${endpoint.envPrefix}_TOKEN_URL and that the endpoint is up; raise the request timeout if it is only slow`,
        cause: error,
      });
    }
    const inner = connectFailure(
      { target: endpoint.target, method: 'POST', url: redactor.redactUrl(endpoint.tokenUrl), subject: 'the token endpoint', configuredAs: `${endpoint.envPrefix}_TOKEN_URL` },
      error,
    ).error;
    const why = inner.message.replace(`${endpoint.target}: `, '');
    throw new TargetUnreachableError(redactor.redactText(`${endpoint.target}: cannot get a token from ${where}: ${why}`), {
      target: endpoint.target,
      ...(inner.hint ? { hint: inner.hint } : {}),
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

/** The OAuth2 part: register the tokens, then accept the answer or say exactly what is wrong. */
function interpret(answer: RawAnswer, endpoint: TokenEndpoint, grant: string, redactor: Redactor): TokenResponse {
  const { status, contentType, text } = answer;
  const json = parseJson(text);
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
    ...(typeof json['scope'] === 'string' ? { scope: json['scope'] } : {}),
    ...(typeof json['refresh_token'] === 'string' && json['refresh_token'] !== '' ? { refreshToken: json['refresh_token'] } : {}),
  };
}

/** `host/path` of the endpoint: what people need to find it, without query or user-info. */
export function hostAndPath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparsable token URL)';
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
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
