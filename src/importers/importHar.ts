import { slug } from '../baseline/baselinePaths';
import { apiEnvKey } from '../config/variables';
import { httpMethods } from '../suite/types';
import type { CaseDraft, RequestDraft, SuiteDraft } from './caseDraft';
import { escapeTemplates, escapeTemplatesIn } from './escapeTemplates';
import { ImportError } from './ImportError';
import { bodyFromText, formFields, isFormMediaType } from './requestBody';
import { keepHeader } from './requestHeaders';
import { renderSuite } from './renderSuite';
import { envNameFor, isSecretName, protectSecrets } from './secretNames';
import type { ImportOptions, ImportResult, SkippedItem } from './types';
import { uniqueName } from './uniqueName';

interface HarEntry {
  request?: {
    method?: string;
    url?: string;
    headers?: Array<{ name?: string; value?: string }>;
    postData?: { mimeType?: string; text?: string; params?: Array<{ name?: string; value?: string; fileName?: string }> };
  };
  response?: { status?: number; content?: { mimeType?: string; text?: string; encoding?: string } };
}

/**
 * Captured traffic (HAR 1.2, as browsers and proxies export it) → one suite, one case per
 * distinct call under the base URL: the same method, path, query and body captured twice is one
 * case. Credentials never reach the file: Authorization and cookies are dropped (each target
 * uses its own grant), and secret-looking query or form values become `{{env.NAME}}`.
 */
export function importHar(value: unknown, options: ImportOptions = {}): ImportResult {
  const file = options.sourceFile ?? 'the HAR file';
  const entries = (value as { log?: { entries?: unknown } } | null)?.log?.entries;
  if (!Array.isArray(entries)) {
    throw new ImportError(`${file} is not a HAR file: it needs log.entries`, { file, hint: 'Export it from the browser\'s network tab ("Save all as HAR") or from your proxy.' });
  }
  if (!options.baseUrl) {
    throw new ImportError('importing a HAR file needs --base-url: the API\'s base URL in the captured traffic', {
      file,
      hint: 'e.g. --base-url https://gateway.api.cloud.wso2.com/t/acme/pizzashack/1.0.0 — only calls under it become cases, with paths relative to it.',
    });
  }
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const api = options.api ?? (slug(basePath.split('/').filter(Boolean).at(-2) ?? base.hostname) || 'api');
  const skipped: SkippedItem[] = [];
  const notes = new Set<string>();
  const seen = new Map<string, string>();
  const names = new Set<string>();
  const cases: CaseDraft[] = [];
  let outside = 0;

  (entries as HarEntry[]).forEach((entry, index) => {
    const request = entry.request;
    const label = `entry ${index + 1}${request?.method && request.url ? ` (${request.method} ${request.url.split('?')[0]})` : ''}`;
    let url: URL;
    try {
      url = new URL(request?.url ?? '');
    } catch {
      skipped.push({ item: label, reason: 'its URL does not parse' });
      return;
    }
    if (url.origin !== base.origin || !(url.pathname === basePath || url.pathname.startsWith(`${basePath}/`))) {
      outside += 1;
      return;
    }
    const method = (request?.method ?? 'GET').toUpperCase();
    if (!httpMethods.some((known) => known === method)) return void skipped.push({ item: label, reason: `method ${method} cannot be sent by a suite` });
    const status = entry.response?.status ?? 0;
    if (status <= 0) return void skipped.push({ item: label, reason: 'it has no response (the call was aborted or blocked)' });

    const secret = (envName: string, field: string) => notes.add(`Export ${envName}: "${field}" in the captured traffic looks like a credential, so suites read it from the environment.`);
    const draft: RequestDraft = { method, path: escapeTemplates(url.pathname.slice(basePath.length) || '/') };
    const query = protectSecrets(formFields([...url.searchParams].map(([key, item]) => [key, escapeTemplates(item)])), secret);
    if (Object.keys(query).length > 0) draft.query = query;
    const headers: Record<string, string> = {};
    let authorized = false;
    for (const header of request?.headers ?? []) {
      const name = (header.name ?? '').toLowerCase();
      if (name === 'authorization') authorized = true;
      if (!name || !keepHeader(name) || name in headers) continue;
      headers[name] = isSecretName(name) ? `{{env.${envNameFor(name)}}}` : escapeTemplates(header.value ?? '');
      if (isSecretName(name)) secret(envNameFor(name), name);
    }
    const postData = request?.postData;
    const bodyKey = postData ? postData.text ?? JSON.stringify(postData.params ?? []) : '';
    if (postData) {
      if (/^multipart\//i.test(postData.mimeType ?? '') || postData.params?.some((param) => param.fileName)) {
        return void skipped.push({ item: label, reason: 'multipart/form-data bodies cannot be written in a suite (json, text and form bodies only)' });
      }
      const body = postData.text !== undefined
        ? bodyFromText(postData.text, postData.mimeType || undefined)
        : { form: formFields((postData.params ?? []).map((param) => [param.name ?? '', param.value ?? ''])) };
      if (body.json !== undefined) draft.json = escapeTemplatesIn(body.json);
      if (body.form !== undefined) draft.form = protectSecrets(Object.fromEntries(Object.entries(body.form).map(([key, item]) => [key, escapeTemplates(item)])), secret);
      if (body.text !== undefined) {
        draft.text = escapeTemplates(body.text);
        draft.contentType = body.contentType ?? 'text/plain';
      }
      if (body.text !== undefined || body.json !== undefined && /^application\/json\b/i.test(headers['content-type'] ?? 'application/json') || body.form !== undefined && isFormMediaType(headers['content-type'])) {
        delete headers['content-type'];
      }
    }
    if (Object.keys(headers).length > 0) draft.headers = headers;

    // A call without a token is a different case (the gateway's 401) from the same call with one.
    const key = [method, draft.path, [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&'), bodyKey, authorized].join('\u0000');
    const first = seen.get(key);
    if (first !== undefined) return void skipped.push({ item: label, reason: `duplicate of case "${first}" (same method, path, query and body)` });
    const name = uniqueName(names, `${method} ${url.pathname.slice(basePath.length) || '/'}${url.search}${authorized ? '' : ' without a token'}`.replace(/\{\{|\}\}/g, ''));
    seen.set(key, name);
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
    cases.push(built);
  });
  if (outside > 0) skipped.push({ item: `${outside} entr${outside === 1 ? 'y' : 'ies'}`, reason: `not under --base-url ${options.baseUrl}` });

  const envKey = apiEnvKey(api);
  notes.add(`Set LEGACY_API_${envKey}_URL and CANDIDATE_API_${envKey}_URL to the API's base URL on each gateway (suites say api: ${api}).`);
  if (cases.length === 0) return { files: [], skipped, notes: [...notes] };
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
  return { files: [{ path: draft.file, yaml: renderSuite(draft), cases: cases.length }], skipped, notes: [...notes] };
}

/**
 * Top-level id fields of a write's JSON answer (`orderId`, `id`, `order_id`). Each gateway
 * creates its own; capturing them makes the pair an alias, so the ids do not count as differences.
 */
function createdIds(method: string, content: { mimeType?: string; text?: string; encoding?: string } | undefined): Record<string, string> | undefined {
  if (method !== 'POST' && method !== 'PUT' || !content?.text || content.encoding === 'base64') return undefined;
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
