import { slug } from '../baseline/baselinePaths';
import { apiEnvKey } from '../config/variables';
import { httpMethods } from '../suite/types';
import type { CaseDraft, RequestDraft, SuiteDraft } from './caseDraft';
import { escapeTemplates, escapeTemplatesIn } from './escapeTemplates';
import { ImportError } from './ImportError';
import { readHarEntries, type HarEntry } from './harFile';
import { bodyFromText, formFields, isFormMediaType } from './requestBody';
import { keepHeader } from './requestHeaders';
import { renderSuite } from './renderSuite';
import { envNameFor, isSecretName, protectSecrets } from './secretNames';
import type { ImportOptions, ImportResult, SkippedItem } from './types';
import { uniqueName } from './uniqueName';

interface HarContext {
  base: URL;
  basePath: string;
  skipped: SkippedItem[];
  notes: Set<string>;
  /** De-duplication key → the name of the case that has it. */
  seen: Map<string, string>;
  names: Set<string>;
}

/**
 * Captured traffic (HAR 1.2, as browsers and proxies export it) → one suite, one case per
 * distinct call under the base URL: the same method, path, query and body captured twice is one
 * case (a call without a token is a different case from the same call with one). Credentials
 * never reach the file: Authorization and cookies are dropped (each target uses its own grant),
 * and secret-looking query or form values become `{{env.NAME}}`.
 */
export function importHar(value: unknown, options: ImportOptions = {}): ImportResult {
  const file = options.sourceFile ?? 'the HAR file';
  const entries = readHarEntries(value, file);
  if (!options.baseUrl) {
    throw new ImportError('importing a HAR file needs --base-url: the API\'s base URL in the captured traffic', {
      file,
      hint: 'e.g. --base-url https://gateway.api.cloud.wso2.com/t/acme/pizzashack/1.0.0 — only calls under it become cases, with paths relative to it.',
    });
  }
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  // API Cloud bases end in /<context>/<version>: the context names the API.
  const api = options.api ?? (slug(basePath.split('/').filter(Boolean).at(-2) ?? base.hostname) || 'api');
  const context: HarContext = { base, basePath, skipped: [], notes: new Set(), seen: new Map(), names: new Set() };
  const cases: CaseDraft[] = [];
  let outside = 0;
  entries.forEach((entry, index) => {
    const built = harCase(entry, index, context);
    if (built === 'outside') outside += 1;
    else if (built) cases.push(built);
  });
  if (outside > 0) context.skipped.push({ item: `${outside} entr${outside === 1 ? 'y' : 'ies'}`, reason: `not under --base-url ${options.baseUrl}` });

  const envKey = apiEnvKey(api);
  context.notes.add(`Set LEGACY_API_${envKey}_URL and CANDIDATE_API_${envKey}_URL to the API's base URL on each gateway (suites say api: ${api}).`);
  const result = { files: [] as ImportResult['files'], skipped: context.skipped, notes: [...context.notes] };
  if (cases.length === 0) return result;
  const draft: SuiteDraft = {
    file: `${slug(api) || 'api'}-har.yaml`,
    suite: `${api} (captured traffic)`,
    api,
    tags: ['har'],
    header: [
      `Imported from captured traffic (${file}) by \`parity import har\`: the calls under ${options.baseUrl}.`,
      'Review it before committing; re-importing over it needs --force.',
      '- One case per distinct call (same method, path, query and body = one case); each expects',
      '  the status that was captured.',
      '- Authorization headers and cookies were dropped: each case uses the target\'s configured grant,',
      '  or `auth: none` where the captured call had no Authorization header.',
      '- Writes (POST, PUT, PATCH, DELETE) are replayed as captured: they change data on both gateways.',
      '- Ids a write created in the capture are literal here: a later call that used one may need a',
      '  capture from the write (make them steps of one case).',
    ],
    vars: {},
    varComments: {},
    cases,
  };
  result.files.push({ path: draft.file, yaml: renderSuite(draft), cases: cases.length });
  return result;
}

/** One entry → a case; undefined when skipped (the reason is recorded), `outside` when not under the base. */
function harCase(entry: HarEntry, index: number, ctx: HarContext): CaseDraft | undefined | 'outside' {
  const request = entry.request;
  const label = `entry ${index + 1}${request?.method && request.url ? ` (${request.method} ${request.url.split('?')[0]})` : ''}`;
  const skip = (reason: string) => void ctx.skipped.push({ item: label, reason });
  let url: URL;
  try {
    url = new URL(request?.url ?? '');
  } catch {
    return skip('its URL does not parse');
  }
  if (url.origin !== ctx.base.origin || !(url.pathname === ctx.basePath || url.pathname.startsWith(`${ctx.basePath}/`))) return 'outside';
  const method = (request?.method ?? 'GET').toUpperCase();
  if (!httpMethods.some((known) => known === method)) return skip(`method ${method} cannot be sent by a suite`);
  const status = entry.response?.status ?? 0;
  if (status <= 0) return skip('it has no response (the call was aborted or blocked)');
  const postData = request?.postData;
  if (postData && (/^multipart\//i.test(postData.mimeType ?? '') || postData.params?.some((param) => param.fileName))) {
    return skip('multipart/form-data bodies cannot be written in a suite (json, text and form bodies only)');
  }

  const secret = (envName: string, field: string) => ctx.notes.add(`Export ${envName}: "${field}" in the captured traffic looks like a credential, so suites read it from the environment.`);
  const resource = url.pathname.slice(ctx.basePath.length) || '/';
  const draft: RequestDraft = { method, path: escapeTemplates(resource) };
  const query = protectSecrets(formFields([...url.searchParams].map(([key, item]) => [key, escapeTemplates(item)])), secret);
  if (Object.keys(query).length > 0) draft.query = query;
  const { headers, authorized } = harHeaders(request?.headers ?? [], secret);
  if (postData) addHarBody(draft, headers, postData, secret);
  if (Object.keys(headers).length > 0) draft.headers = headers;

  const sortedQuery = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&');
  const key = [method, resource, sortedQuery, postData ? postData.text ?? JSON.stringify(postData.params ?? []) : '', authorized].join('\u0000');
  const first = ctx.seen.get(key);
  if (first !== undefined) return skip(`duplicate of case "${first}" (same method, path, query and body)`);
  // The name shows the query, but never a secret's value (names are printed in every report).
  const shownQuery = new URLSearchParams([...url.searchParams].map(([k, v]): [string, string] => [k, isSecretName(k) ? '***' : v])).toString();
  const name = uniqueName(ctx.names, `${method} ${resource}${shownQuery ? `?${shownQuery}` : ''}${authorized ? '' : ' without a token'}`.replace(/\{\{|\}\}/g, ''));
  ctx.seen.set(key, name);

  const built: CaseDraft = { name, comments: [], request: draft };
  // A 304 answered a conditional request; the conditional headers are not replayed, so no status is expected.
  if (status !== 304) built.status = [status];
  const capture = createdIds(method, entry.response?.content);
  if (capture) {
    built.capture = capture;
    built.comments.push(`The captured answer created ${Object.keys(capture).join(', ')}: captured on both sides, so each gateway's own new id compares as the same value.`);
  }
  if (!authorized) {
    built.auth = 'none';
    built.comments.push('Captured without an Authorization header: sent without a token (cookies, if the app used them, are not replayed).');
  }
  return built;
}

function harHeaders(list: Array<{ name?: string; value?: string }>, secret: (envName: string, field: string) => void): { headers: Record<string, string>; authorized: boolean } {
  const headers: Record<string, string> = {};
  let authorized = false;
  for (const header of list) {
    const name = (header.name ?? '').toLowerCase();
    if (name === 'authorization') authorized = true;
    if (!name || !keepHeader(name) || name in headers) continue;
    if (isSecretName(name)) {
      secret(envNameFor(name), name);
      headers[name] = `{{env.${envNameFor(name)}}}`;
    } else headers[name] = escapeTemplates(header.value ?? '');
  }
  return { headers, authorized };
}

function addHarBody(draft: RequestDraft, headers: Record<string, string>, postData: NonNullable<NonNullable<HarEntry['request']>['postData']>, secret: (envName: string, field: string) => void): void {
  const body = postData.text !== undefined
    ? bodyFromText(postData.text, postData.mimeType || undefined)
    : { form: formFields((postData.params ?? []).map((param) => [param.name ?? '', param.value ?? ''])) };
  if (body.json !== undefined) draft.json = escapeTemplatesIn(body.json);
  if (body.form !== undefined) draft.form = protectSecrets(Object.fromEntries(Object.entries(body.form).map(([key, item]) => [key, escapeTemplates(item)])), secret);
  if (body.text !== undefined) {
    draft.text = escapeTemplates(body.text);
    draft.contentType = body.contentType ?? 'text/plain';
  }
  // The suite sets Content-Type for json and form bodies itself; a text body carries its own.
  const contentType = headers['content-type'];
  if (body.text !== undefined || (body.json !== undefined && (!contentType || /^application\/json\b/i.test(contentType))) || (body.form !== undefined && isFormMediaType(contentType))) {
    delete headers['content-type'];
  }
}

/**
 * Top-level id fields of a write's JSON answer (`orderId`, `id`, `order_id`). Each gateway
 * creates its own; capturing them makes the pair an alias, so the ids do not count as differences.
 */
function createdIds(method: string, content: { mimeType?: string; text?: string; encoding?: string } | undefined): Record<string, string> | undefined {
  if ((method !== 'POST' && method !== 'PUT') || !content?.text || content.encoding === 'base64') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(content.text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const capture: Record<string, string> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (/^(?:id|[A-Za-z_]\w*(?:Id|_id|ID))$/.test(key) && (typeof value === 'string' || typeof value === 'number')) capture[key] = `$.${key}`;
  }
  return Object.keys(capture).length > 0 ? capture : undefined;
}
