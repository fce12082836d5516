import type http from 'node:http';
import { apiCloudFaults, renderApiCloudFault, type ApiCloudFault } from './apiCloudFaults';
import { wso2Claim } from './backendJwt';
import { grantableScopes, sandboxCredentials } from './credentials';
import { legacyHeaders } from './gatewayHeaders';
import type { RequestHandler } from './loopbackServer';
import { matchOperation, pizzashackApi, underApiBase } from './pizzashackApi';
import { proxyCall, type ProxyRoute } from './proxy';
import { createQuota } from './quota';
import { handleRevokeRequest, handleTokenRequest } from './tokenEndpoint';
import { OpaqueTokenStore, RefreshTokenStore, type GrantRecord } from './tokenStore';
import type { SandboxOptions } from './types';

const app = sandboxCredentials.legacy;
/** Invocation path `/t/<orgKey>/<context>/<version>` (facts §2). */
export const legacyApiBase = `/t/${app.orgKey}${pizzashackApi.context}/${pizzashackApi.version}`;
/** API Manager reports the tenant-qualified context with its version in fault descriptions (facts §3). */
const api = { context: legacyApiBase, version: pizzashackApi.version };

export interface ApiCloudGatewayConfig extends ProxyRoute {
  options: SandboxOptions;
}

/** API Cloud (API Manager 2.x/3.x): `/token`, `/revoke`, and PizzaShack under `/t/acme/pizzashack/1.0.0`. */
export function createApiCloudGateway(config: ApiCloudGatewayConfig): RequestHandler {
  const tokens = new OpaqueTokenStore();
  const refreshTokens = new RefreshTokenStore();
  const quota = createQuota(config.options.quota.legacy);
  const ownHeaders = () => legacyHeaders(true);

  const issue = async (grant: GrantRecord) => ({
    accessToken: tokens.issue(grant, config.options.legacy.tokenLifetimeSec),
    expiresIn: config.options.legacy.tokenLifetimeSec,
  });

  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    if (path === '/token') return handleTokenRequest({ app, grantable: grantableScopes, refreshTokens, issue, headers: ownHeaders }, req, res);
    if (path === '/revoke') return handleRevokeRequest({ app, revoke: (t, c) => tokens.revoke(t, c), headers: ownHeaders }, req, res);

    const target = underApiBase(req.url ?? '/', legacyApiBase);
    const accept = req.headers.accept;
    if (!target) return sendFault(res, apiCloudFaults.unknownContext(), accept);
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      // The CORS handler answers preflights before any security check (facts §4 CORS defaults).
      res.writeHead(200, { ...ownHeaders(), 'content-length': 0 });
      return void res.end();
    }
    // Resource matching comes first: an undefined resource is 900906 even without a token (facts §3).
    const op = matchOperation(method, target.resourcePath);
    if (!op) return sendFault(res, apiCloudFaults.noMatchingResource(api), accept);

    const bearer = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) return sendFault(res, apiCloudFaults.missingCredentials(api), accept);
    const grant = tokens.lookup(bearer);
    if (!grant) return sendFault(res, apiCloudFaults.invalidCredentials(api), accept);
    if (!op.scopes.every((s) => grant.scopes.includes(s))) return sendFault(res, apiCloudFaults.scopeNotGranted(api), accept);

    const decision = quota.take();
    if (decision && !decision.allowed) return sendFault(res, apiCloudFaults.throttled(decision.resetAtMs), accept);

    const upstream = await proxyCall(config, req, {
      method,
      path: `${target.resourcePath}${target.search}`,
      // facts §4: API Manager sends the backend JWT as `X-JWT-Assertion`.
      jwtHeaderName: 'X-JWT-Assertion',
      claims: backendClaims(grant),
      apiBase: legacyApiBase,
    });
    res.writeHead(upstream.status, { ...upstream.headers, ...legacyHeaders(false), 'content-length': upstream.body.length });
    res.end(upstream.body);
  };
}

/** API Manager's backend JWT claims (facts §4); `apicontext` is the tenant path. */
function backendClaims(grant: GrantRecord): Record<string, unknown> {
  return {
    [wso2Claim('subscriber')]: app.username,
    [wso2Claim('applicationid')]: '7',
    [wso2Claim('applicationname')]: 'PizzaShackApp',
    [wso2Claim('applicationtier')]: 'Unlimited',
    [wso2Claim('apicontext')]: legacyApiBase,
    [wso2Claim('version')]: pizzashackApi.version,
    // Bronze is API Cloud's documented default subscription tier (facts §5).
    [wso2Claim('tier')]: 'Bronze',
    [wso2Claim('enduser')]: grant.username ?? app.username,
    [wso2Claim('enduserTenantId')]: '1',
  };
}

/**
 * Gateway faults go out chunked, without a Content-Length (facts §4, a guess from captures), and
 * 401s carry API Manager's OAuth2 challenge (facts §3).
 */
function sendFault(res: http.ServerResponse, fault: ApiCloudFault, accept: string | undefined): void {
  const { contentType, body } = renderApiCloudFault(fault, accept);
  res.writeHead(fault.status, {
    ...legacyHeaders(true),
    'content-type': contentType,
    ...(fault.status === 401 ? { 'www-authenticate': 'OAuth2 realm="WSO2 API Manager"' } : {}),
  });
  res.write(body);
  res.end();
}
