import type { ExchangeSource } from '../engine/exchangeSource';
import { recordBody } from '../execute/recordBody';
import type { OutgoingRequest, SendSettings } from '../execute/types';
import type { HarEntry } from '../importers/harFile';
import type { Exchange, RecordedRequest } from '../model/result';

/**
 * A target answered from a HAR capture: each request the engine makes is matched to the captured
 * call with the same method, path and query (relative to the capture's base URL) — the same body
 * too when several match — and answered with the response the capture holds, redacted and
 * recorded exactly as a live answer would be. Nothing is sent. A call the capture does not hold,
 * or whose response body the browser did not keep, is an error for its case only.
 */
export function createHarSource(entries: readonly HarEntry[], baseUrl: string): ExchangeSource {
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const byCall = new Map<string, HarEntry[]>();
  for (const entry of entries) {
    const key = callKey(entry.request?.method ?? 'GET', entry.request?.url ?? '', base, basePath);
    if (key === undefined || (entry.response?.status ?? 0) <= 0) continue;
    byCall.set(key, [...(byCall.get(key) ?? []), entry]);
  }

  return {
    // Answers from a file, like a recorded baseline: the engine attaches no credentials for it.
    kind: 'baseline',
    baseUrl: () => base.href.replace(/\/+$/, ''),
    async exchange(_key, request, settings) {
      const recorded = recordRequest(request, settings);
      const key = callKey(request.method, request.url, base, basePath);
      const candidates = key === undefined ? [] : byCall.get(key) ?? [];
      const body = request.body === undefined ? '' : request.body.toString();
      const entry = candidates.find((candidate) => (candidate.request?.postData?.text ?? '') === body) ?? candidates[0];
      if (!entry) return failed(request, recorded, 'NotCaptured', `the capture holds no ${request.method} ${recorded.url}`);
      const content = entry.response?.content;
      if (content?.text === undefined && (content?.size ?? 0) > 0) {
        return failed(request, recorded, 'NotCaptured', `the capture kept no response body for ${request.method} ${recorded.url} (content.text is missing): export the HAR "with content"`);
      }
      const bytes = content?.text === undefined ? Buffer.alloc(0) : Buffer.from(content.text, content.encoding === 'base64' ? 'base64' : 'utf8');
      const headers: Record<string, string[]> = {};
      for (const header of entry.response?.headers ?? []) {
        const name = (header.name ?? '').toLowerCase();
        // HTTP/2 pseudo-headers are not headers; the decoded body no longer has a wire encoding.
        if (!name || name.startsWith(':') || name === 'content-encoding') continue;
        (headers[name] ??= []).push(header.value ?? '');
      }
      if (headers['content-length']) headers['content-length'] = [String(bytes.length)];
      const redacted = settings.redactor.redactHeaders(headers);
      const exchange: Exchange = {
        target: request.target,
        request: recorded,
        response: {
          status: entry.response!.status!,
          headers: redacted,
          body: recordBody(bytes, redacted['content-type'] ?? content?.mimeType, { redactor: settings.redactor, maxRecordedBodyBytes: settings.maxRecordedBodyBytes }),
        },
        startedAt: entry.startedDateTime && !Number.isNaN(Date.parse(entry.startedDateTime)) ? new Date(entry.startedDateTime).toISOString() : new Date(0).toISOString(),
        durationMs: typeof entry.time === 'number' && entry.time >= 0 ? entry.time : 0,
        retries: [],
        source: 'live',
      };
      return exchange;
    },
  };
}

/** `GET /order/7?a=1&b=2` relative to the base (query sorted), or undefined for a URL outside it. */
function callKey(method: string, url: string, base: URL, basePath: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.origin !== base.origin || !(parsed.pathname === basePath || parsed.pathname.startsWith(`${basePath}/`))) return undefined;
  const query = [...parsed.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&');
  return `${method.toUpperCase()} ${decodeURIComponent(parsed.pathname.slice(basePath.length) || '/')}?${query}`;
}

/** The request as the live client records it: redacted URL, headers and body. */
function recordRequest(request: OutgoingRequest, settings: SendSettings): RecordedRequest {
  const { redactor } = settings;
  const headers = redactor.redactHeaders(request.headers);
  const body = request.body === undefined ? undefined : typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
  return {
    method: request.method.toUpperCase(),
    url: redactor.redactUrl(request.url),
    headers,
    body: body ? recordBody(body, headers['content-type'], { redactor, maxRecordedBodyBytes: settings.maxRecordedBodyBytes, keepJsonText: true }) : undefined,
  };
}

function failed(request: OutgoingRequest, recorded: RecordedRequest, name: string, message: string): Exchange {
  return {
    target: request.target,
    request: recorded,
    startedAt: new Date(0).toISOString(),
    durationMs: 0,
    retries: [],
    source: 'live',
    error: { name, message, target: request.target, hint: 'Capture the call again (see docs/baselines.md, "A baseline from a HAR capture"), or record the case live with `parity record`.' },
  };
}
