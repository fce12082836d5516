import { formatHarnessError } from '../errors';
import type { Exchange, RecordedBody, TargetInfo } from '../model/result';
import { buildCurl } from './curl';
import { jsonHead } from '../shared/jsonHead';

/** Bodies longer than this are cut in plain-text reports; results.json always has all of it. */
export const maxBodyChars = 16_384;

/** A recorded body as text: JSON pretty-printed, text as is, binary as its size and hash. */
export function bodyText(body: RecordedBody | undefined, max = maxBodyChars): string {
  if (!body || body.kind === 'empty') return '(empty)';
  if (body.kind === 'binary') return `(binary, ${body.bytes} bytes, sha256 ${body.sha256 ?? 'unknown'})`;
  let text = body.kind === 'json' && body.json !== undefined ? (jsonHead(body.json, max + 1, '  ') ?? '') : (body.text ?? '');
  const notes: string[] = [];
  if (body.parseError) notes.push(`not valid JSON: ${body.parseError}`);
  if (body.truncated) notes.push(`truncated when recorded; ${hashScope(body)} ${body.sha256 ?? 'unknown'}`);
  if (text.length > max) {
    notes.push(body.kind === 'json' ? 'the rest is in results.json' : `${text.length - max} more characters in results.json`);
    text = text.slice(0, max);
  }
  return notes.length === 0 ? text : `${text}\n(${notes.join('; ')})`;
}

/** What a recorded body's sha256 covers: all of it, or only the first N bytes that were read. */
export function hashScope(body: RecordedBody): string {
  return body.sha256OfFirstBytes === undefined ? 'full body sha256' : `sha256 of the first ${body.sha256OfFirstBytes} bytes only (the body was cut while it was read)`;
}

function indent(text: string, by: string): string {
  return text.split('\n').map((line) => `${by}${line}`).join('\n');
}

function headerLines(headers: Record<string, string>): string {
  const names = Object.keys(headers).sort();
  if (names.length === 0) return '    (none)';
  return names.map((name) => `    ${name}: ${(headers[name] ?? '').replace(/\n/g, '\n      ')}`).join('\n');
}

/** One exchange as plain text: request, response (or why there was none), retries, a curl line. */
export function exchangeText(exchange: Exchange, target: TargetInfo): string {
  const source = exchange.source === 'live' ? 'live' : `baseline ${exchange.source.baseline}`;
  const lines = [
    `[${exchange.target}] ${exchange.request.method} ${exchange.request.url}  (${source}, ${exchange.durationMs} ms)`,
    '  request headers:',
    headerLines(exchange.request.headers),
  ];
  if (exchange.request.body && exchange.request.body.kind !== 'empty') {
    lines.push('  request body:', indent(bodyText(exchange.request.body), '    '));
  }
  for (const retry of exchange.retries) {
    lines.push(`  retry ${retry.attempt}: ${retry.reason}${retry.status ? ` (${retry.status})` : ''}, waited ${retry.waitedMs} ms — ${retry.detail}`);
  }
  if (exchange.response) {
    lines.push(`  response: ${exchange.response.status}`, '  response headers:', headerLines(exchange.response.headers));
    lines.push('  response body:', indent(bodyText(exchange.response.body), '    '));
  } else {
    lines.push(`  no response${exchange.error ? `: ${exchange.error.name}: ${formatHarnessError(exchange.error)}` : ''}`);
  }
  lines.push(`  reproduce: ${buildCurl(exchange.request, exchange.target, { insecure: !target.tlsVerify })}`);
  return lines.join('\n');
}
