import { httpMethods } from '../suite/types';
import type { CaseDraft, RequestDraft, SuiteDraft } from './caseDraft';
import { activeEntries, descriptionText, scriptLines, type PostmanAuth, type PostmanItem, type PostmanKeyValue, type PostmanRequest } from './postmanCollection';
import { readTestScript } from './postmanScripts';
import { emptyUses, quoteBareTemplates, rewriteTemplates, rewriteTemplatesIn, type TemplateUses } from './postmanTemplates';
import { suiteVarName } from './suiteVarName';
import { postmanTarget } from './postmanUrl';
import { bodyFromText, isFormMediaType, type BodyDraft } from './requestBody';
import { keepHeader } from './requestHeaders';
import { envNameFor, isSecretName, protectSecrets } from './secretNames';
import type { SkippedItem } from './types';

export interface PostmanContext {
  /** Collection variables, overridden by the environment's. */
  variables: ReadonlyMap<string, string>;
  baseUrl?: string;
  skipped: SkippedItem[];
  notes: Set<string>;
  /** Suite var name → the case whose test script captures it (Postman's way of chaining requests). */
  capturedBy: Map<string, string>;
  /** Variables cut off as the base URL in this suite. */
  baseVars: Set<string>;
}

/** Auth types that mean "a bearer token from the gateway's token endpoint": the target's grant. */
const tokenAuth = new Set(['bearer', 'oauth2', 'jwt']);
const languageTypes: Record<string, string> = { json: 'application/json', xml: 'application/xml', html: 'text/html', javascript: 'application/javascript', text: 'text/plain' };

/** One Postman request → one case (added to `suite`'s vars as needed), or undefined when skipped. */
export function postmanCase(item: PostmanItem, name: string, inheritedAuth: PostmanAuth | null | undefined, ctx: PostmanContext, suite: SuiteDraft): CaseDraft | undefined {
  const skip = (reason: string) => void ctx.skipped.push({ item: `${suite.suite} / ${name}`, reason });
  const request: PostmanRequest | undefined = typeof item.request === 'string' ? { url: item.request } : item.request;
  if (!request) return skip('it has no request');
  const method = (request.method ?? 'GET').toUpperCase();
  if (!httpMethods.some((known) => known === method)) return skip(`method ${method} is not one suites can send (${httpMethods.join(', ')})`);
  const target = postmanTarget(request.url, ctx.variables, ctx.baseUrl);
  if ('skip' in target) return skip(target.skip);
  if (target.baseVar) ctx.baseVars.add(target.baseVar);

  const uses = emptyUses();
  const comments: string[] = [];
  const pathVarNames = new Set(Object.keys(target.pathVars).map(suiteVarName));
  const defined = new Map([...ctx.variables, ...Object.keys(target.pathVars).map((key) => [key, ''] as const)]);
  const rewrite = (text: string) => rewriteTemplates(text, defined, uses);
  const secretNote = (envName: string, field: string) => ctx.notes.add(`Export ${envName}: "${field}" looks like a credential, so suites read it from the environment ({{env.${envName}}}).`);

  const draft: RequestDraft = { method, path: rewrite(target.path) };
  const query = protectSecrets(Object.fromEntries(Object.entries(target.query).map(([key, value]) => [key, rewrite(value)])), secretNote);
  if (Object.keys(query).length > 0) draft.query = query;
  const { headers, hadAuthorization } = readHeaders(request.header, rewrite, secretNote);
  const body = readBody(request, headers, rewrite, uses, ctx);
  if (typeof body === 'string') return skip(body);
  Object.assign(draft, body);
  if (Object.keys(headers).length > 0) draft.headers = headers;
  if (uses.unsupported.size > 0) {
    return skip(`it uses Postman dynamic variable${uses.unsupported.size > 1 ? 's' : ''} ${[...uses.unsupported].map((v) => `{{${v}}}`).join(', ')}, which suites have no equivalent for (only {{$guid}}/{{$randomUUID}} → {{$uuid}}, {{$timestamp}}, {{$isoTimestamp}})`);
  }

  const built: CaseDraft = { name: name.replace(/\{\{|\}\}/g, ''), comments, request: draft };
  const description = descriptionText(request.description) ?? descriptionText(item.description);
  if (description) built.description = description;
  applyAuth(built, request.auth ?? inheritedAuth, hadAuthorization);
  applyScripts(built, item, ctx);
  applyVars(built, uses, target.pathVars, pathVarNames, ctx, suite);
  for (const [envName, original] of uses.envRefs) secretNote(envName, original);
  return built;
}

function readHeaders(
  list: PostmanKeyValue[] | string | undefined,
  rewrite: (text: string) => string,
  onSecret: (envName: string, field: string) => void,
): { headers: Record<string, string>; hadAuthorization: boolean } {
  const entries = typeof list === 'string'
    ? list.split('\n').map((line) => /^([^:]+):\s*(.*)$/.exec(line.trim())).filter((m): m is RegExpExecArray => m !== null).map((m) => ({ key: m[1]!.trim(), value: m[2]! }))
    : activeEntries(list);
  const headers: Record<string, string> = {};
  let hadAuthorization = false;
  for (const { key, value } of entries) {
    const name = key.toLowerCase();
    if (name === 'authorization') hadAuthorization = true;
    if (!keepHeader(name) || name in headers) continue;
    if (isSecretName(name)) {
      onSecret(envNameFor(name), key);
      headers[name] = `{{env.${envNameFor(name)}}}`;
    } else headers[name] = rewrite(value);
  }
  return { headers, hadAuthorization };
}

/** The body as suite keys, or the reason the request is skipped. Moves Content-Type where it belongs. */
function readBody(request: PostmanRequest, headers: Record<string, string>, rewrite: (text: string) => string, uses: TemplateUses, ctx: PostmanContext): BodyDraft | string {
  const body = request.body;
  if (!body || body.disabled || !body.mode) return {};
  const contentType = headers['content-type'];
  let result: BodyDraft;
  switch (body.mode) {
    case 'raw': {
      const raw = body.raw ?? '';
      if (raw.trim() === '') return {};
      const language = body.options?.raw?.language;
      result = bodyFromText(rewrite(raw), contentType ?? (language ? languageTypes[language] : undefined), { prepareJson: (text) => quoteBareTemplates(text, uses.bare) });
      break;
    }
    case 'urlencoded':
      result = { form: protectSecrets(Object.fromEntries(activeEntries(body.urlencoded).map(({ key, value }) => [key, rewrite(value)])), (envName, field) => ctx.notes.add(`Export ${envName}: form field "${field}" looks like a credential.`)) };
      break;
    case 'graphql': {
      const variables = body.graphql?.variables?.trim();
      let parsed: unknown;
      try {
        parsed = variables ? JSON.parse(quoteBareTemplates(variables, uses.bare)) : undefined;
      } catch {
        return 'its GraphQL variables are not JSON';
      }
      result = { json: rewriteTemplatesIn({ query: body.graphql?.query ?? '', ...(parsed === undefined ? {} : { variables: parsed }) }, ctx.variables, uses) };
      break;
    }
    case 'formdata':
      return 'multipart/form-data bodies cannot be written in a suite (json, text and form bodies only)';
    default:
      return `Postman body mode "${body.mode}" (a file upload or similar) cannot be written in a suite`;
  }
  // The suite sets Content-Type for json and form bodies itself; a text body carries its own.
  if ((result.json !== undefined && (!contentType || /^application\/json\b/i.test(contentType))) || (result.form && isFormMediaType(contentType))) delete headers['content-type'];
  if (result.text !== undefined) delete headers['content-type'];
  return result;
}

function applyAuth(built: CaseDraft, auth: PostmanAuth | null | undefined, hadAuthorization: boolean): void {
  const type = auth?.type;
  if (type === undefined || type === 'inherit') {
    // No auth anywhere: Postman sends none (unless a hand-written Authorization header stood in for it).
    if (!hadAuthorization) built.auth = 'none';
    return;
  }
  if (type === 'noauth') built.auth = 'none';
  else if (!tokenAuth.has(type)) {
    built.comments.push(`Postman auth "${type}" is not imported: the case uses the target's configured grant instead.`);
  }
}

function applyScripts(built: CaseDraft, item: PostmanItem, ctx: PostmanContext): void {
  const pre = scriptLines(item.event, 'prerequest');
  if (pre.length > 0) built.comments.push('Postman pre-request script NOT run (the harness does not execute JavaScript):', ...excerpt(pre));
  const tests = scriptLines(item.event, 'test');
  const examples = [...new Set((item.response ?? []).map((response) => response.code).filter((code): code is number => typeof code === 'number'))];
  if (tests.length === 0) {
    if (examples.length === 1) built.status = examples;
    return;
  }
  const reading = readTestScript(tests);
  const read: string[] = [];
  if (reading.status.length > 0) {
    built.status = reading.status;
    read.push(`status ${reading.status.join(' or ')}`);
  } else if (examples.length === 1) built.status = examples;
  if (Object.keys(reading.captures).length > 0) {
    built.capture = reading.captures;
    for (const name of Object.keys(reading.captures)) if (!ctx.capturedBy.has(name)) ctx.capturedBy.set(name, built.name);
    read.push(`capture ${Object.keys(reading.captures).join(', ')}`);
  }
  built.comments.push(`Postman test script NOT run (the harness does not execute JavaScript)${read.length > 0 ? `; read from it: ${read.join('; ')}` : ''}.`);
  if (reading.unconverted.length > 0) built.comments.push('Not converted (write a capture or an expectation for it):', ...excerpt(reading.unconverted));
}

function applyVars(
  built: CaseDraft,
  uses: TemplateUses,
  pathVars: Record<string, string | undefined>,
  pathVarNames: Set<string>,
  ctx: PostmanContext,
  suite: SuiteDraft,
): void {
  const todo: string[] = [];
  const caseVars: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pathVars)) {
    const name = suiteVarName(key);
    caseVars[name] = value ?? 'TODO';
    if (value === undefined) todo.push(`path variable :${key} has no value in the collection`);
  }
  for (const [name, original] of uses.vars) {
    if (pathVarNames.has(name)) continue;
    const value = ctx.variables.get(original) ?? '';
    // An empty variable that a test script fills in is, as imported, a value nobody gives.
    if (!uses.undefinedVars.has(name) && !(value === '' && ctx.capturedBy.has(name))) {
      suite.vars[name] ??= uses.bare.has(name) ? jsonTyped(value) : value;
      if (value.includes('{{')) suite.varComments[name] ??= 'Postman expands variables inside this value; suites do not: write the value out.';
      continue;
    }
    const producer = ctx.capturedBy.get(name);
    todo.push(producer ? `{{${name}}} is set by the test script of "${producer}": Postman chains requests through variables, a suite through steps — make this request a step after that one` : `{{${name}}} is not defined in the collection or environment`);
    suite.vars[name] ??= 'TODO';
    suite.varComments[name] ??= producer
      ? `TODO: a Postman test script sets this from the response of "${producer}"; suites capture it in an earlier step instead.`
      : 'TODO: not defined in the collection or the environment given; write its value.';
  }
  if (Object.keys(caseVars).length > 0) built.vars = caseVars;
  if (todo.length > 0) {
    built.skip = `TODO: ${todo.join('; ')}`;
    built.comments.push('TODO: fill in the values below, then remove `skip:`.');
  }
}

/** Postman substitutes text: `"quantity": {{qty}}` with qty = 2 sends the number 2, so the suite var is one. */
function jsonTyped(value: string): unknown {
  if (/^-?\d+(?:\.\d+)?$/.test(value.trim())) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

/** At most six lines of a script, each cut at 120 characters, indented under the comment. */
function excerpt(lines: string[]): string[] {
  const shown = lines.slice(0, 6).map((line) => `    ${line.trim().length > 120 ? `${line.trim().slice(0, 117)}...` : line.trim()}`);
  if (lines.length > 6) shown.push(`    … (${lines.length - 6} more lines)`);
  return shown;
}
