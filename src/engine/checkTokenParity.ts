import { inspectToken } from '../auth/inspectToken';
import { verifyJwt } from '../auth/verifyJwt';
import type { AccessToken } from '../auth/types';
import { toErrorInfo } from '../errors';
import type { Difference, HarnessErrorInfo, TokenParityResult } from '../model/result';
import type { RunContext } from './runContext';
import { tokenFormatReason, tokenLifetimeReason } from '../profiles/tokenLifetimes';

type Side = TokenParityResult['legacy'];

/**
 * The migration guide says the opaque → JWT change "should not impact client applications
 * because both tokens are strings with different lengths" (facts §1). This checks the claim
 * instead of trusting it: both sides must issue a usable bearer token for the same scopes, the
 * candidate's JWT must verify against its JWKS with the right issuer, and its lifetime must not
 * fall below the configured minimum.
 */
export async function checkTokenParity(ctx: RunContext): Promise<TokenParityResult> {
  const started = Date.now();
  const empty: Side = { format: 'unknown', scopes: [] };
  let legacyToken: AccessToken;
  let candidateToken: AccessToken;
  try {
    [legacyToken, candidateToken] = await Promise.all([ctx.tokens.legacy.getToken(), ctx.tokens.candidate.getToken()]);
  } catch (error) {
    return { status: 'error', legacy: empty, candidate: empty, findings: [], error: toErrorInfo(error), durationMs: Date.now() - started };
  }
  const legacy = describeToken(legacyToken);
  const candidate = describeToken(candidateToken);
  const findings: Difference[] = [];
  let error: HarnessErrorInfo | undefined;

  const target = ctx.config.targets.candidate;
  if (candidate.format === 'jwt') {
    if (target.jwksUrl) {
      const verified = await verifyJwt(candidateToken.value, {
        jwksUrl: target.jwksUrl,
        issuer: target.issuer,
        tlsVerify: target.tlsVerify,
        network: target.network,
      });
      candidate.signature = verified.ok ? 'verified' : 'invalid';
      if (verified.claims && typeof verified.claims.iss === 'string') candidate.issuer = verified.claims.iss;
      if (!verified.ok) {
        error = {
          name: 'TokenSignatureError',
          target: 'candidate',
          message: `the candidate's access token does not verify: ${verified.problem ?? 'unknown problem'}`,
          hint: 'check CANDIDATE_JWKS_URL and CANDIDATE_ISSUER: they must be the JWKS and issuer of the token endpoint in CANDIDATE_TOKEN_URL',
        };
      }
    } else {
      candidate.signature = 'not checked (no CANDIDATE_JWKS_URL)';
    }
  }
  findings.push(...compareScopes(legacy.scopes, candidate.scopes, ctx.config.tokenScopes));
  if ((legacy.tokenType ?? '').toLowerCase() !== (candidate.tokenType ?? '').toLowerCase()) {
    findings.push(finding('token.type', legacy.tokenType, candidate.tokenType, 'regression', 'clients send "<token_type> <token>": a different token type breaks them'));
  }
  const minimum = ctx.config.tokenMinLifetimeSec;
  if (candidate.expiresIn !== undefined && candidate.expiresIn >= 0 && candidate.expiresIn < minimum) {
    findings.push(
      finding('token.lifetime', legacy.expiresIn, candidate.expiresIn, 'regression', `the candidate's token lives ${candidate.expiresIn} s, below the configured minimum of ${minimum} s (PARITY_TOKEN_MIN_LIFETIME)`),
    );
  } else if (legacy.expiresIn !== candidate.expiresIn) {
    findings.push(
      finding('token.lifetime', legacy.expiresIn, candidate.expiresIn, 'accepted', tokenLifetimeReason({ legacy: ctx.config.targets.legacy.profile, candidate: target.profile }, candidate.expiresIn, minimum)),
    );
  }
  if (legacy.format !== candidate.format) {
    findings.push(finding('token.format', legacy.format, candidate.format, 'accepted', tokenFormatReason));
  }
  const status = error ? 'error' : findings.some((f) => f.disposition === 'regression') ? 'failed' : 'passed';
  return { status, legacy, candidate, findings, error, durationMs: Date.now() - started };
}

function describeToken(token: AccessToken): Side & { signature?: string; issuer?: string } {
  const inspected = inspectToken(token.value);
  const claimScopes = typeof inspected.claims?.scope === 'string' ? inspected.claims.scope.split(' ').filter(Boolean) : [];
  return {
    format: inspected.format,
    tokenType: token.tokenType,
    scopes: [...new Set(token.scopes.length > 0 ? token.scopes : claimScopes)].sort(),
    expiresIn: token.expiresIn ?? undefined,
  };
}

/**
 * Scopes that only the gateway grants implicitly (API Cloud's `default`, `openid`) say nothing
 * about what the application may call, so they are left out of the comparison.
 */
const implicitScopes = new Set(['default', 'openid', 'am_application_scope']);

function compareScopes(legacy: string[], candidate: string[], mode: 'equal' | 'superset'): Difference[] {
  const a = legacy.filter((scope) => !implicitScopes.has(scope));
  const b = new Set(candidate.filter((scope) => !implicitScopes.has(scope)));
  const findings: Difference[] = [];
  const missing = a.filter((scope) => !b.has(scope));
  const extra = [...b].filter((scope) => !a.includes(scope));
  if (missing.length > 0) {
    findings.push(finding('token.scopes', a.join(' '), [...b].join(' '), 'regression', `the candidate does not grant ${missing.map((s) => `"${s}"`).join(', ')}: calls that need ${missing.length === 1 ? 'it' : 'them'} will be refused with 403`));
  }
  if (extra.length > 0) {
    findings.push(
      finding('token.scopes', a.join(' '), [...b].join(' '), mode === 'equal' ? 'regression' : 'accepted', `the candidate also grants ${extra.map((s) => `"${s}"`).join(', ')}${mode === 'equal' ? ' (PARITY_TOKEN_SCOPES=superset accepts this)' : ''}`),
    );
  }
  return findings;
}

function finding(rule: string, legacy: unknown, candidate: unknown, disposition: Difference['disposition'], reason: string): Difference {
  return { area: 'token', path: rule, kind: 'changed', legacy, candidate, disposition, rule, reason };
}
