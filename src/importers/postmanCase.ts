import { httpMethods } from '../suite/types';
import type { CaseDraft, RequestDraft } from './caseDraft';
import { activeEntries, descriptionText, scriptSource, type PostmanAuth, type PostmanItem, type PostmanKeyValue, type PostmanRequest } from './postmanCollection';
import { readTestScript } from './postmanScripts';
import { isScriptStructure, meaningfulLines, splitStatements, type ScriptLine } from './scriptStatements';
import { emptyUses, quoteBareTemplates, rewriteTemplates, rewriteTemplatesIn, type TemplateUses } from './postmanTemplates';
import { suiteVarName } from './suiteVarName';
import { postmanTarget } from './postmanUrl';
import { bodyFromText, isFormMediaType, type BodyDraft } from './requestBody';
import { keepHeader } from './requestHeaders';
import { envNameFor, isSecretName, protectSecrets } from './secretNames';
import type { SkippedItem, UnconvertedScript } from './types';

export interface PostmanContext {
  /** Globals, overridden by collection variables, overridden by the environment's (Postman's precedence). */
  variables: ReadonlyMap<string, string>;
  baseUrl?: string;
  skipped: SkippedItem[];
  notes: Set<string>;
  /** Variables cut off as the base URL in this suite. */
  baseVars: Set<string>;
}

/** One request as imported, before chains are known: the case, and what it reads and sets. */
export interface PostmanCall {
  /** `Folder / Sub-folder / Request`, as listed in messages. */
  item: string;
  draft: CaseDraft;
  uses: TemplateUses;
  /** `:name` path variables given a literal value: case vars of this request only. */
  pathVars: Record<string, unknown>;
  /** Suite var name → Postman name, for every variable its test script captures. */
  captures: Record<string, string>;
  /** Suite var name → Postman name, for variables its scripts set in a way no capture expresses. */
  unconvertedSets: Record<string, string>;
  unconverted: UnconvertedScript[];
  /** The response-time budget its test script asserts (ms). */
  maxResponseMs?: number;
}

/** Auth types that mean "a bearer token from the gateway's token endpoint": the target's grant. */
const tokenAuth = new Set(['bearer', 'oauth2', 'jwt']);
const languageTypes: Record<string, string> = { json: 'application/json', xml: 'application/xml', html: 'text/html', javascript: 'application/javascript', text: 'text/plain' };

/** One Postman request → one call (its case draft and what it reads and sets), or undefined when skipped. */
export function postmanCase(item: PostmanItem, name: string, inheritedAuth: PostmanAuth | null | undefined, ctx: PostmanContext, suiteName: string): PostmanCall | undefined {
  const label = `${suiteName} / ${name}`;
  const skip = (reason: string) => void ctx.skipped.push({ item: label, reason });
  const request: PostmanRequest | undefined = typeof item.request === 'string' ? { url: item.request } : item.request;
  if (!request) return skip('it has no request');
  const method = (request.method ?? 'GET').toUpperCase();
  if (!httpMethods.some((known) => known === method)) return skip(`method ${method} is not one suites can send (${httpMethods.join(', ')})`);
  const target = postmanTarget(request.url, ctx.variables, ctx.baseUrl);
  if ('skip' in target) return skip(target.skip);
  if (target.baseVar) ctx.baseVars.add(target.baseVar);

  // A path variable whose value is itself a template (`:id` = `{{order_id}}`, what Postman writes
  // by default) stands for that template: it goes into the path, so the variable is resolved or
  // captured like any other instead of being sent as the literal text "{{order_id}}".
  let pathText = target.path;
  const literalPathVars: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(target.pathVars)) {
    if (value !== undefined && value.includes('{{')) pathText = pathText.split(`{{${key}}}`).join(value);
    else literalPathVars[key] = value;
  }

  const uses = emptyUses();
  const comments: string[] = [];
  const defined = new Map([...ctx.variables, ...Object.keys(literalPathVars).map((key) => [key, ''] as const)]);
  const rewrite = (text: string) => rewriteTemplates(text, defined, uses);
  const secretNote = (envName: string, field: string) => ctx.notes.add(`Export ${envName}: "${field}" looks like a credential, so suites read it from the environment ({{env.${envName}}}).`);

  const draft: RequestDraft = { method, path: rewrite(pathText) };
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
  const call: PostmanCall = { item: label, draft: built, uses, pathVars: {}, captures: {}, unconvertedSets: {}, unconverted: [] };
  applyScripts(call, item, defined);
  const todo: string[] = [];
  for (const [key, value] of Object.entries(literalPathVars)) {
    call.pathVars[suiteVarName(key)] = value ?? 'TODO';
    if (value === undefined) todo.push(`path variable :${key} has no value in the collection`);
  }
  if (todo.length > 0) built.skip = `TODO: ${todo.join('; ')}`;
  for (const [envName, original] of uses.envRefs) secretNote(envName, original);
  return call;
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

/** Test-script idioms → status, expectations, captures, latency; everything else listed by line. */
function applyScripts(call: PostmanCall, item: PostmanItem, defined: ReadonlyMap<string, string>): void {
  const built = call.draft;
  const pre = scriptSource(item.event, 'prerequest');
  const preStatements = splitStatements(pre).filter((statement) => !isScriptStructure(statement.text));
  const preLines = meaningfulLines(pre);
  if (preLines.length > 0) {
    built.comments.push('Postman pre-request script NOT run (the harness does not execute JavaScript); not converted:', ...excerpt(preLines));
    call.unconverted.push(...preLines.map((line) => ({ item: call.item, event: 'prerequest' as const, line: line.line, text: line.text.trim() })));
    for (const statement of preStatements) {
      const set = /^(?:pm\.(?:environment|collectionVariables|globals|variables)\.set|postman\.set(?:Environment|Global)Variable)\(\s*(["'`])([^"'`]+)\1/.exec(statement.text);
      if (set) call.unconvertedSets[suiteVarName(set[2]!)] = set[2]!;
    }
  }
  const examples = [...new Set((item.response ?? []).map((response) => response.code).filter((code): code is number => typeof code === 'number'))];
  const tests = scriptSource(item.event, 'test');
  if (tests.every((line) => line.text.trim() === '')) {
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
    call.captures = reading.captureNames;
    read.push(`capture ${Object.keys(reading.captures).join(', ')}`);
  }
  if (Object.keys(reading.json).length > 0) {
    built.expectJson = rewriteTemplatesIn(reading.json, defined, call.uses) as Record<string, unknown>;
    read.push(`expected values at ${Object.keys(reading.json).join(', ')}`);
  }
  if (Object.keys(reading.headers).length > 0) {
    built.expectHeaders = rewriteTemplatesIn(reading.headers, defined, call.uses) as Record<string, string>;
    read.push(`header${Object.keys(reading.headers).length > 1 ? 's' : ''} ${Object.keys(reading.headers).join(', ')}`);
  }
  if (reading.maxResponseMs !== undefined) {
    call.maxResponseMs = reading.maxResponseMs;
    read.push(`response time under ${reading.maxResponseMs} ms`);
  }
  Object.assign(call.unconvertedSets, reading.unconvertedSets);
  built.comments.push(`Postman test script NOT run (the harness does not execute JavaScript)${read.length > 0 ? `; read from it: ${read.join('; ')}` : ''}.`);
  if (reading.unconverted.length > 0) {
    built.comments.push('Not converted (write a capture or an expectation for it, or drop it):', ...excerpt(reading.unconverted));
    call.unconverted.push(...reading.unconverted.map((line) => ({ item: call.item, event: 'test' as const, line: line.line, text: line.text.trim() })));
  }
}

/** The script lines, each as `line N: text` cut at 120 characters, indented under the comment. */
function excerpt(lines: ScriptLine[]): string[] {
  return lines.map(({ line, text }) => {
    const shown = text.trim().length > 110 ? `${text.trim().slice(0, 107)}...` : text.trim();
    return `    line ${line}: ${shown}`;
  });
}
