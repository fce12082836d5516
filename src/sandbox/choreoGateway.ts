import type http from 'node:http';
import { wso2Claim } from './backendJwt';
import { transformCandidateAnswer } from './candidateTransforms';
import type { CandidateTokens } from './candidateTokens';
import { choreoFaults, type ChoreoFault } from './choreoFaults';
import { grantableScopes, sandboxCredentials } from './credentials';
import { candidateHeaders, isCorsRequest, isPreflight } from './gatewayHeaders';
import { sendJson } from './httpBodies';
import { injectFault, type FaultContext } from './injectFault';
import type { RequestHandler } from './loopbackServer';
import { matchOperation, pizzashackApi, underApiBase } from './pizzashackApi';
import { proxyCall, type ProxyRoute } from './proxy';
import { createQuota, type QuotaDecision } from './quota';
import type { TimerRegistry } from './timerRegistry';
import { handleTokenRequest } from './tokenEndpoint';
import { RefreshTokenStore } from './tokenStore';
import type { SandboxOptions } from './types';

const app = sandboxCredentials.candidate;
/** Invocation path `/<project>/<component>/<endpoint>/<version>`, no tenant segment (facts §2). */
export const candidateApiBase = `/acme-project${pizzashackApi.context}/pizzashack-api/${pizzashackApi.version}`;
export const candidateOrg = { id: '4f1c3a2e-8d5b-4c7a-9e61-2b0d7f9a3c55', name: 'acme' } as const;

export interface ChoreoGatewayConfig extends ProxyRoute {
  options: SandboxOptions;
  tokens: CandidateTokens;
  timers: TimerRegistry;
  faultBodies: Pick<FaultContext, 'hugeBody' | 'gzipBomb'>;
}

/** Choreo (Choreo Connect: Envoy router + enforcer) with its STS at `/oauth2/token` and `/oauth2/jwks`. */
export function createChoreoGateway(config: ChoreoGatewayConfig): RequestHandler {
  const { options } = config;
  const refreshTokens = new RefreshTokenStore();
  const quota = createQuota(options.quota.candidate);
  const scopeCap = options.candidate.grantedScopes;

  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    if (path === '/oauth2/token') {
      const tokenConfig = { app, grantable: grantableScopes, refreshTokens, issue: config.tokens.issue, headers: candidateHeaders };
      return handleTokenRequest(scopeCap ? { ...tokenConfig, scopeCap } : tokenConfig, req, res);
    }
    if (path === '/oauth2/jwks') return sendJson(res, 200, config.tokens.jwks(), candidateHeaders());

    // Envoy's CORS filter runs before routing: it decorates every answer to a CORS request, the
    // router's own 404 and the enforcer's faults included (facts §4).
    const cors = isCorsRequest(req);
    const fault = (answer: ChoreoFault, extra: Record<string, string> = {}) => sendFault(res, answer, extra, cors);
    const target = underApiBase(req.url ?? '/', candidateApiBase);
    if (!target) return fault(choreoFaults.routerNotFound());
    const headers = candidateHeaders(cors);
    await config.timers.sleep(options.candidate.delayMs);
    if (options.fault) return injectFault(options.fault, res, { ...config.faultBodies, timers: config.timers, headers });

    const method = req.method ?? 'GET';
    if (isPreflight(req)) {
      res.writeHead(200, { ...headers, 'content-length': 0 });
      return void res.end();
    }
    // An unmatched path (an OPTIONS that is no preflight too) never reaches the enforcer: Envoy's router answers 404 (facts §3, no 900906).
    const op = matchOperation(method, target.resourcePath);
    if (!op) return fault(choreoFaults.routerNotFound());

    const bearer = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) return fault(choreoFaults.invalidCredentials());
    const claims = await config.tokens.verify(bearer);
    // Drift (5): an invalid (not a missing) token is misreported as 900900.
    if (!claims) return fault(options.drift ? choreoFaults.unclassifiedAuthFailure() : choreoFaults.invalidCredentials());
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
    if (!op.scopes.every((s) => scopes.includes(s))) return fault(choreoFaults.scopeNotGranted(op.template));

    const decision = quota.take();
    if (decision && !decision.allowed) return fault(choreoFaults.throttled(), rateLimitHeaders(decision, true));

    const upstream = await proxyCall(config, req, {
      method,
      path: `${target.resourcePath}${target.search}`,
      // facts §4: Envoy lower-cases header names.
      jwtHeaderName: 'x-jwt-assertion',
      claims: backendClaims(claims),
      apiBase: candidateApiBase,
    });
    const answer = transformCandidateAnswer(op, upstream, options.candidate, options.drift);
    res.writeHead(answer.status, { ...answer.headers, ...headers, ...(decision ? rateLimitHeaders(decision, false) : {}), 'content-length': answer.body.length });
    res.end(answer.body);
  };
}

/** Choreo's rate limiter headers (facts §3 "x-ratelimit-*"); on a 429 also Retry-After as an HTTP date. */
function rateLimitHeaders(decision: QuotaDecision, throttled: boolean): Record<string, string> {
  const resetSec = Math.max(0, Math.ceil((decision.resetAtMs - Date.now()) / 1000));
  return {
    'x-ratelimit-limit': String(decision.limit),
    'x-ratelimit-remaining': String(decision.remaining),
    'x-ratelimit-reset': String(resetSec),
    ...(throttled ? { 'retry-after': new Date(Math.ceil(decision.resetAtMs / 1000) * 1000).toUTCString() } : {}),
  };
}

/** Choreo Connect's backend JWT (facts §4): API Manager's claims plus applicationUUId, keytype, usertype and copies of the token's claims. */
function backendClaims(token: Record<string, unknown>): Record<string, unknown> {
  const copied = Object.fromEntries(['client_id', 'azp', 'org_id', 'org_name', 'scope', 'email'].filter((k) => k in token).map((k) => [k, token[k]]));
  const user = typeof token.email === 'string' ? token.email : app.username;
  return {
    [wso2Claim('subscriber')]: app.username,
    [wso2Claim('applicationid')]: '7',
    [wso2Claim('applicationUUId')]: '0c9f3e8a-6b2d-4e71-a5f4-3d8e1b7c9a20',
    [wso2Claim('applicationname')]: 'PizzaShackApp',
    [wso2Claim('applicationtier')]: 'Unlimited',
    [wso2Claim('apicontext')]: candidateApiBase,
    [wso2Claim('version')]: pizzashackApi.version,
    [wso2Claim('tier')]: 'Unlimited',
    [wso2Claim('keytype')]: 'PRODUCTION',
    [wso2Claim('usertype')]: 'Application',
    [wso2Claim('enduser')]: user,
    ...copied,
  };
}

function sendFault(res: http.ServerResponse, fault: ChoreoFault, extra: Record<string, string> = {}, cors = false): void {
  sendJson(res, fault.status, fault.body, { ...candidateHeaders(cors), ...fault.headers, ...extra });
}
