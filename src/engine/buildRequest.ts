import { registeringEnvScope, secretCaptures } from '../execute/registerTemplateSecrets';
import type { OutgoingRequest } from '../execute/types';
import type { TargetName } from '../model/result';
import { expandTemplate, expandValue } from '../suite/template';
import type { Step } from '../suite/types';
import type { CaseVariables } from './caseVariables';
import type { RunContext } from './runContext';

/** Methods whose 5xx/reset answers may be retried (and only when the step is not marked mutating). */
const retryableMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Expands a step's templates for one target and attaches that target's credentials. Throws
 * (TemplateError, ConfigError, AuthError) before anything is sent when the step cannot be built.
 */
export async function buildOutgoingRequest(target: TargetName, step: Step, variables: CaseVariables, ctx: RunContext): Promise<OutgoingRequest> {
  // Every {{env.*}} value this request uses becomes a secret of the run before it is sent.
  const scope = registeringEnvScope(variables.scope(target), ctx.redactor);
  const where = `step "${step.name}"`;
  const base = variables.baseUrl(target, step.api, ctx).replace(/\/+$/, '');
  const requestPath = expandTemplate(step.request.path, scope, `${where} path`);
  const url = new URL(base + (requestPath.startsWith('/') ? requestPath : `/${requestPath}`));
  for (const [name, value] of Object.entries(step.request.query)) url.searchParams.append(name, expandTemplate(value, scope, `${where} query.${name}`));

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.request.headers)) headers[name.toLowerCase()] = expandTemplate(value, scope, `${where} headers.${name}`);
  let body: string | undefined;
  const request = step.request;
  if (request.body) {
    switch (request.body.kind) {
      case 'json':
        body = JSON.stringify(expandValue(request.body.value, scope, `${where} json`));
        headers['content-type'] ??= 'application/json';
        break;
      case 'text':
        body = expandTemplate(request.body.value, scope, `${where} text`);
        headers['content-type'] ??= request.body.contentType;
        break;
      case 'form': {
        const form = new URLSearchParams();
        for (const [name, value] of Object.entries(request.body.value)) form.append(name, expandTemplate(value, scope, `${where} form.${name}`));
        body = form.toString();
        headers['content-type'] ??= 'application/x-www-form-urlencoded';
        break;
      }
      default: {
        const never: never = request.body;
        throw new Error(`unknown body kind ${JSON.stringify(never)}`);
      }
    }
  }
  const captured = secretCaptures(step.capture);
  const authorization = await authorizationFor(target, step, scope, ctx);
  if (authorization?.header) headers[authorization.header] = authorization.value;
  else if (authorization) headers.authorization = authorization.value;
  return {
    target,
    method: request.method,
    url: url.toString(),
    headers,
    body,
    idempotent: retryableMethods.has(request.method) && !step.mutating,
    secretCaptures: captured,
  };
}

/** The credential header a step sends: `Authorization` unless the target's grant is an API key, which names its own header. */
async function authorizationFor(target: TargetName, step: Step, scope: ReturnType<CaseVariables['scope']>, ctx: RunContext): Promise<{ value: string; header?: string } | undefined> {
  const auth = step.auth;
  switch (auth.kind) {
    case 'none':
      return undefined;
    case 'bearer':
      return { value: `Bearer ${expandTemplate(auth.token, scope, `step "${step.name}" auth.bearer`)}` };
    case 'target':
    case 'scope': {
      if (ctx.config.targets[target].auth.kind === 'none') return undefined;
      // A replayed or mirrored side is never sent, so it needs no token; its token endpoint may
      // not even exist any more (API Cloud reached end of life on 2023-12-31, facts §7).
      if (ctx.sources[target].kind !== 'live') return undefined;
      const token = await ctx.tokens[target].getToken(auth.kind === 'scope' ? auth.scopes : undefined);
      if (token.header) return { value: token.value, header: token.header };
      return { value: `${token.tokenType || 'Bearer'} ${token.value}` };
    }
    default: {
      const never: never = auth;
      throw new Error(`unknown auth kind ${JSON.stringify(never)}`);
    }
  }
}
