import type { RecordedRequest, TargetName } from '../model/result';

export interface CurlOptions {
  /** The target is called without TLS verification: add `-k` so the line behaves the same. */
  insecure?: boolean;
}

/** Headers curl derives itself from the URL and body; copying them would only mislead. */
const derivedHeaders = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive']);

/** The marker redaction leaves in place of a secret (see the result model). */
const redactedMarker = '«redacted';

/**
 * One shell line (bash) that repeats a recorded request. Secrets never appear: Authorization
 * becomes `Bearer $LEGACY_TOKEN` / `$CANDIDATE_TOKEN` (the variable expands when the line is run),
 * and any other header the recorder redacted becomes `$<TARGET>_<HEADER_NAME>`.
 */
export function buildCurl(request: RecordedRequest, target: TargetName, options: CurlOptions = {}): string {
  const prefix = target.toUpperCase();
  const parts = ['curl', '-sS', '-i'];
  if (options.insecure) parts.push('-k');
  const method = request.method.toUpperCase();
  const body = bodyArgument(request);
  if (method === 'HEAD') parts.push('--head');
  else if (method !== 'GET' || body) parts.push('-X', /^[A-Z]+$/.test(method) ? method : shellQuote(method));
  parts.push(shellQuote(request.url));

  for (const name of Object.keys(request.headers).sort()) {
    if (derivedHeaders.has(name)) continue;
    const value = request.headers[name] ?? '';
    if (name === 'authorization') parts.push('-H', withVariable(`${name}: ${authScheme(value)} `, tokenVariable(prefix, value)));
    else if (value.includes(redactedMarker)) parts.push('-H', withVariable(`${name}: `, `${prefix}_${envName(name)}`));
    else parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (body) parts.push(...body);
  const line = parts.join(' ');
  return request.body?.truncated ? `${line}  # body truncated when recorded: this repeats only its head` : line;
}

function bodyArgument(request: RecordedRequest): string[] | undefined {
  const body = request.body;
  if (!body || body.kind === 'empty') return undefined;
  if (body.kind === 'binary') return ['--data-binary', `@body.bin  # binary body (${body.bytes} bytes, sha256 ${body.sha256 ?? 'unknown'}) not kept`];
  // A JSON body keeps its raw text only when re-serialising it would not reproduce the bytes sent.
  const text = body.text ?? (body.json === undefined ? '' : JSON.stringify(body.json));
  return ['--data-raw', shellQuote(text)];
}

/** The scheme word of an Authorization value, when it is a plain token; else `Bearer`. */
function authScheme(value: string): string {
  const scheme = /^([A-Za-z][A-Za-z0-9-]*)\s/.exec(value)?.[1];
  return scheme ?? 'Bearer';
}

function tokenVariable(prefix: string, value: string): string {
  const scheme = authScheme(value).toLowerCase();
  return scheme === 'bearer' ? `${prefix}_TOKEN` : `${prefix}_${envName(scheme)}_CREDENTIALS`;
}

function envName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'SECRET';
}

/** `'literal'"$VAR"`: the literal cannot expand anything, the variable does. */
function withVariable(literal: string, variable: string): string {
  return `${shellQuote(literal)}"$${variable}"`;
}

/**
 * Quotes one shell word. Single quotes keep everything literal; text with control characters
 * (a newline in a JSON body) uses bash's `$'…'` so the command stays on one line.
 */
export function shellQuote(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001f\u007f]/.test(text)) return `'${text.replace(/'/g, `'\\''`)}'`;
  let out = "$'";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}
