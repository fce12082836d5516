import type { FetchImplementation, JWTVerifyGetKey, JWTVerifyOptions, KeyInput } from 'jose';
import { fetch as undiciFetch } from 'undici';
import { errorCode } from '../execute/classifyFailure';
import type { NetworkConfig } from '../config/types';
import { getDispatcher } from '../execute/httpAgents';
import { inspectToken } from './inspectToken';

export interface VerifyJwtOptions {
  jwksUrl: string;
  /** Expected `iss`; `https://host/…` and `https://host:443/…` are treated as the same (facts §1). */
  issuer?: string;
  tlsVerify?: boolean;
  /** The issuer's target's proxy, CA bundle and client certificate: the JWKS is fetched the way its token endpoint is reached. */
  network?: NetworkConfig;
  /** JWKS fetch timeout. */
  timeoutMs?: number;
  /** Leeway for exp/nbf/iat, in seconds. */
  clockToleranceSec?: number;
  /** "Now", for tests. */
  currentDate?: Date;
}

export interface JwtVerification {
  ok: boolean;
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  /** One sentence for people when `ok` is false. */
  problem?: string;
}

const defaultVerifyJwtOptions = { tlsVerify: true, timeoutMs: 10_000, clockToleranceSec: 30 } as const;

/** Verifies one token: signature against the JWKS, issuer, and exp/nbf/iat. Never throws. */
export async function verifyJwt(token: string, options: VerifyJwtOptions): Promise<JwtVerification> {
  return createJwtVerifier(options)(token);
}

/** A verifier that fetches the JWKS once and reuses it (jose refetches on an unknown `kid`). */
export function createJwtVerifier(options: VerifyJwtOptions): (token: string) => Promise<JwtVerification> {
  const { createRemoteJWKSet, customFetch } = loadJose();
  const settings = { ...defaultVerifyJwtOptions, ...options };
  const { jwksUrl } = settings;
  let lastStatus: number | undefined;
  const fetchViaAgent: FetchImplementation = async (url, init) => {
    const headers: Record<string, string> = {};
    init.headers.forEach((value, name) => (headers[name] = value));
    const response = await undiciFetch(url, {
      method: init.method,
      redirect: init.redirect,
      signal: init.signal,
      headers,
      dispatcher: getDispatcher('jwks', String(url), { tlsVerify: settings.tlsVerify, network: settings.network }),
    });
    lastStatus = response.status;
    return response as unknown as Response;
  };
  let jwks: JWTVerifyGetKey;
  try {
    jwks = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: settings.timeoutMs, [customFetch]: fetchViaAgent });
  } catch (error) {
    const problem = `the JWKS URL "${jwksUrl}" is not usable: ${error instanceof Error ? error.message : String(error)}`;
    return async () => ({ ok: false, problem });
  }

  return async (token) => {
    const inspected = inspectToken(token);
    if (inspected.format !== 'jwt') return { ok: false, problem: `not a JWT (the token looks ${inspected.format})` };
    const header = inspected.header ?? {};
    const claims = inspected.claims;
    const seen = { claims, header };
    const verifyOptions: JWTVerifyOptions = {
      clockTolerance: settings.clockToleranceSec,
      issuer: settings.issuer ? issuerVariants(settings.issuer) : undefined,
      currentDate: settings.currentDate,
    };
    try {
      const { payload } = await verifyWithEveryMatchingKey(token, jwks, verifyOptions);
      const problem = timeProblem(payload as Record<string, unknown>, settings.currentDate ?? new Date(), settings.clockToleranceSec);
      return { ok: problem === undefined, claims: payload as Record<string, unknown>, header, problem };
    } catch (error) {
      return { ok: false, ...seen, problem: describeFailure(error, { jwksUrl, header, claims, issuer: settings.issuer, lastStatus }) };
    }
  };
}

/**
 * jose is loaded when a verifier is first created, not when this module loads: test files import
 * the token-parity modules long before any token is verified, and jose is part of what Jest loads
 * before its first request.
 */
function loadJose(): typeof import('jose') {
  return require('jose') as typeof import('jose');
}

/** jose leaves "several keys share this kid" to the caller: try each, as its docs advise. */
async function verifyWithEveryMatchingKey(token: string, jwks: JWTVerifyGetKey, options: JWTVerifyOptions) {
  const { jwtVerify } = loadJose();
  try {
    return await jwtVerify(token, jwks, options);
  } catch (error) {
    if (errorCode(error) !== 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') throw error;
    let last: unknown = error;
    for await (const key of error as AsyncIterable<KeyInput>) {
      try {
        return await jwtVerify(token, key, options);
      } catch (inner) {
        last = inner;
        if (errorCode(inner) !== 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') break;
      }
    }
    throw last;
  }
}

/** `https://sts.choreo.dev/oauth2/token` and `https://sts.choreo.dev:443/oauth2/token` are one issuer. */
export function issuerVariants(issuer: string): string[] {
  const variants = new Set([issuer]);
  const m = /^(https?):\/\/([^/:]+)(:\d+)?(\/.*)?$/i.exec(issuer);
  if (m) {
    const [, scheme, host, port, path = ''] = m as unknown as [string, string, string, string | undefined, string | undefined];
    const defaultPort = scheme.toLowerCase() === 'https' ? ':443' : ':80';
    if (port === undefined) variants.add(`${scheme}://${host}${defaultPort}${path}`);
    else if (port === defaultPort) variants.add(`${scheme}://${host}${path}`);
  }
  return [...variants];
}

function timeProblem(claims: Record<string, unknown>, now: Date, toleranceSec: number): string | undefined {
  const nowSec = now.getTime() / 1000;
  if (typeof claims['exp'] !== 'number') return 'the token has no exp claim: it would never expire';
  if (typeof claims['iat'] === 'number' && claims['iat'] > nowSec + toleranceSec) {
    return `iat ${isoOf(claims['iat'])} is in the future (now ${now.toISOString()}): the issuer's clock is off`;
  }
  return undefined;
}

interface FailureContext {
  jwksUrl: string;
  header: Record<string, unknown>;
  claims?: Record<string, unknown>;
  issuer?: string;
  lastStatus?: number;
}

function describeFailure(error: unknown, ctx: FailureContext): string {
  const code = errorCode(error);
  const kid = typeof ctx.header['kid'] === 'string' ? `kid ${ctx.header['kid']}` : 'no kid';
  const alg = typeof ctx.header['alg'] === 'string' ? ctx.header['alg'] : 'no alg';
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return `signature does not verify against any key in ${ctx.jwksUrl} (${kid}, ${alg}: no key in the set has this kid and algorithm)`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return `signature does not verify against any key in ${ctx.jwksUrl} (${kid}, ${alg})`;
    case 'ERR_JWT_EXPIRED': {
      const exp = ctx.claims?.['exp'];
      return `the token expired${typeof exp === 'number' ? ` at ${isoOf(exp)}` : ''} (exp)`;
    }
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const claim = (error as { claim?: string }).claim;
      if (claim === 'iss') {
        return `issuer ${JSON.stringify(ctx.claims?.['iss'] ?? null)} is not the expected ${JSON.stringify(ctx.issuer)} (or its :443 variant)`;
      }
      if (claim === 'nbf') return `the token is not valid yet (nbf ${isoOf(Number(ctx.claims?.['nbf']))})`;
      return `claim ${claim ?? '?'} is invalid: ${message}`;
    }
    case 'ERR_JWKS_TIMEOUT':
      return `the JWKS at ${ctx.jwksUrl} did not answer in time`;
    case 'ERR_JWKS_INVALID':
      return `${ctx.jwksUrl} did not return a JSON Web Key Set: ${message}`;
    case 'ERR_JOSE_NOT_SUPPORTED':
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return `alg ${alg} cannot be verified with the keys in ${ctx.jwksUrl}: ${message}`;
    case 'ERR_JOSE_GENERIC':
      return `could not fetch the JWKS from ${ctx.jwksUrl}: ${ctx.lastStatus === undefined ? message : `HTTP ${ctx.lastStatus}`}`;
    default:
      if (code?.startsWith('ERR_J')) return `the token does not verify: ${message}`;
      return `could not fetch the JWKS from ${ctx.jwksUrl}: ${code ? `${code}: ` : ''}${message}`;
  }
}

function isoOf(epochSec: number): string {
  return Number.isFinite(epochSec) ? new Date(epochSec * 1000).toISOString() : String(epochSec);
}
