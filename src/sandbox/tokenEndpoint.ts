import type http from 'node:http';
import { grantScopes } from './grantScopes';
import { readBody, sendJson } from './httpBodies';
import type { GrantRecord, RefreshTokenStore } from './tokenStore';

export interface ClientApp {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

export interface TokenEndpointConfig {
  app: ClientApp;
  grantable: readonly string[];
  /** Scopes the endpoint grants at most, whatever the app may have (Choreo `grantedScopes` option). */
  scopeCap?: readonly string[];
  refreshTokens: RefreshTokenStore;
  issue(grant: GrantRecord): Promise<{ accessToken: string; expiresIn: number }>;
  /** Headers the gateway puts on everything it answers itself. */
  headers(): http.OutgoingHttpHeaders;
}

/** RFC 6749 §5.2 error bodies, with WSO2's wording (both platforms' STS are WSO2 Identity Server). */
const oauthErrors = {
  invalidClient: { status: 401, body: { error: 'invalid_client', error_description: 'Client Authentication failed.' } },
  missingGrant: { status: 400, body: { error: 'invalid_request', error_description: 'Missing grant_type parameter value' } },
  unsupportedGrant: { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Unsupported grant_type value' } },
  badRefresh: { status: 400, body: { error: 'invalid_grant', error_description: 'Persisted access token data not found' } },
  notForm: { status: 400, body: { error: 'invalid_request', error_description: 'The token request must be application/x-www-form-urlencoded' } },
} as const;

/**
 * A token endpoint as both platforms run it (facts §1): form-urlencoded body, client
 * authentication by `Authorization: Basic base64(key:secret)` (or, as RFC 6749 allows,
 * `client_id`/`client_secret` in the body), and the client_credentials, password and
 * refresh_token grants. The password grant also returns a refresh token.
 */
export async function handleTokenRequest(config: TokenEndpointConfig, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const fail = (error: { status: number; body: object }) => sendJson(res, error.status, error.body, { ...config.headers(), 'cache-control': 'no-store' });
  const params = await readForm(req, res, config.headers());
  if (!params) return;
  if (!authenticateClient(req, params, config.app)) return fail(oauthErrors.invalidClient);

  const grantType = params.get('grant_type');
  const clientId = config.app.clientId;
  let grant: GrantRecord;
  switch (grantType) {
    case null:
    case '':
      return fail(oauthErrors.missingGrant);
    case 'client_credentials':
      grant = { clientId, scopes: grantScopes(params.get('scope'), config.grantable, config.scopeCap) };
      break;
    case 'password': {
      const username = params.get('username') ?? '';
      if (username !== config.app.username || params.get('password') !== config.app.password) {
        return fail({ status: 400, body: { error: 'invalid_grant', error_description: `Authentication failed for ${username}` } });
      }
      grant = { clientId, username, scopes: grantScopes(params.get('scope'), config.grantable, config.scopeCap) };
      break;
    }
    case 'refresh_token': {
      const previous = config.refreshTokens.take(params.get('refresh_token') ?? '', clientId);
      if (!previous) return fail(oauthErrors.badRefresh);
      // A refresh may narrow the scopes, never widen them.
      const scopes = params.has('scope') ? grantScopes(params.get('scope'), previous.scopes) : previous.scopes;
      grant = { ...previous, scopes };
      break;
    }
    default:
      return fail(oauthErrors.unsupportedGrant);
  }

  const { accessToken, expiresIn } = await config.issue(grant);
  const refreshToken = grantType === 'client_credentials' ? undefined : config.refreshTokens.issue(grant);
  sendJson(
    res,
    200,
    {
      access_token: accessToken,
      refresh_token: refreshToken,
      scope: grant.scopes.join(' '),
      token_type: 'Bearer',
      expires_in: expiresIn,
    },
    { ...config.headers(), 'cache-control': 'no-store', pragma: 'no-cache' },
  );
}

/** RFC 7009 revocation (API Cloud's `/revoke`, facts §1): 200 with an empty body whether or not the token existed. */
export async function handleRevokeRequest(
  config: { app: ClientApp; revoke(token: string, clientId: string): void; headers(): http.OutgoingHttpHeaders },
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const params = await readForm(req, res, config.headers());
  if (!params) return;
  if (!authenticateClient(req, params, config.app)) {
    return sendJson(res, oauthErrors.invalidClient.status, oauthErrors.invalidClient.body, config.headers());
  }
  config.revoke(params.get('token') ?? '', config.app.clientId);
  res.writeHead(200, { ...config.headers(), 'content-length': 0 });
  res.end();
}

async function readForm(req: http.IncomingMessage, res: http.ServerResponse, headers: http.OutgoingHttpHeaders): Promise<URLSearchParams | undefined> {
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'invalid_request', error_description: `${req.method ?? ''} is not allowed; use POST` }, { ...headers, allow: 'POST' });
    return undefined;
  }
  const { body } = await readBody(req);
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    sendJson(res, oauthErrors.notForm.status, oauthErrors.notForm.body, headers);
    return undefined;
  }
  return new URLSearchParams(body.toString('utf8'));
}

function authenticateClient(req: http.IncomingMessage, params: URLSearchParams, app: ClientApp): boolean {
  const header = req.headers.authorization;
  let id: string | null = params.get('client_id');
  let secret: string | null = params.get('client_secret');
  if (header && /^basic\s+/i.test(header)) {
    const decoded = Buffer.from(header.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    id = decoded.slice(0, colon);
    secret = decoded.slice(colon + 1);
  }
  return id === app.clientId && secret === app.clientSecret;
}
