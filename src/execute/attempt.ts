import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';
import { request as undiciRequest, type Dispatcher } from 'undici';
import { HarnessError } from '../errors';
import { connectFailure, midBodyFailure, timeoutFailure, type Failure, type FailureContext } from './classifyFailure';
import { getDispatcher } from './httpAgents';
import { readBody, type ReadBody } from './readBody';
import type { TargetName } from '../model/result';
import type { Redactor } from './redactor';
import type { OutgoingRequest, SendLimits, SendSettings } from './types';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: ReadBody;
}

interface Timing {
  startedAt: number;
  durationMs: number;
}

/** What one attempt (pacing, redirect hops, one final response) came to. */
export type AttemptOutcome =
  | ({ kind: 'response'; response: RawResponse; redirectLimitReached: boolean } & Timing)
  | ({ kind: 'failure'; failure: Failure; partial?: RawResponse } & Partial<Timing>)
  | ({ kind: 'interrupted'; partial?: RawResponse } & Partial<Timing>);

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * One attempt: for each hop, wait for the pacer, send, read the body, release. Every hop is a
 * request the gateway counts, so every hop is paced.
 */
export async function attempt(request: OutgoingRequest, settings: SendSettings, limits: SendLimits): Promise<AttemptOutcome> {
  let url = request.url;
  let method = request.method.toUpperCase();
  let headers = { ...request.headers };
  let body = request.body;
  let startedAt: number | undefined;
  let durationMs = 0;

  for (let hop = 0; ; hop += 1) {
    let release: () => void;
    try {
      release = await settings.pacer.acquire(request.target, settings.signal);
    } catch (error) {
      if (settings.signal?.aborted) return { kind: 'interrupted' };
      // The pacer itself broke (its server went away): record it, never send unpaced.
      const message = `pacer refused ${request.target}: ${error instanceof Error ? error.message : String(error)}`;
      return { kind: 'failure', failure: { reason: 'connection', retriable: false, error: new HarnessError(message, { target: request.target, cause: error }) } };
    }
    const hopStart = Date.now();
    startedAt ??= hopStart;
    let limitReached = false;
    const follow = (status: number, location: string | undefined): string | undefined => {
      if (!redirectStatuses.has(status) || location === undefined || settings.followRedirects === 'never') return undefined;
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        return undefined;
      }
      const sameOrigin = next.origin === new URL(url).origin;
      if (settings.followRedirects === 'same-host' && !sameOrigin) return undefined;
      if (hop >= limits.maxRedirects) {
        limitReached = true;
        return undefined;
      }
      return next.href;
    };
    const ctx = new HopContext(request.target, method, url, settings.redactor);
    let outcome: HopOutcome;
    try {
      outcome = await hopOnce(url, method, headers, body, ctx, settings, limits, follow);
    } finally {
      release();
    }
    durationMs += Date.now() - hopStart;
    const timing = { startedAt, durationMs };
    if (outcome.kind === 'redirect') {
      const next = new URL(outcome.location);
      if (next.origin !== new URL(url).origin) headers = withoutCredentials(headers, settings.redactor);
      // 303, and 301/302 after a POST, turn into a GET without a body (as browsers and curl do).
      if (outcome.status === 303 || ((outcome.status === 301 || outcome.status === 302) && method === 'POST')) {
        if (method !== 'HEAD') method = 'GET';
        body = undefined;
        headers = withoutBodyHeaders(headers);
      }
      url = next.href;
      continue;
    }
    // Built field by field: a spread of the hop outcome (several shapes) is a slow generic copy.
    if (outcome.kind === 'response') return { kind: 'response', response: outcome.response, redirectLimitReached: limitReached, startedAt, durationMs };
    return { ...outcome, ...timing };
  }
}

type HopOutcome =
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'response'; response: RawResponse }
  | { kind: 'failure'; failure: Failure; partial?: RawResponse }
  | { kind: 'interrupted'; partial?: RawResponse };

async function hopOnce(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
  ctx: FailureContext,
  settings: SendSettings,
  limits: SendLimits,
  follow: (status: number, location: string | undefined) => string | undefined,
): Promise<HopOutcome> {
  // One cheap abort handle per hop, fired by the hop's timer or by the run's signal. An
  // EventEmitter is a signal undici accepts, and costs far less than an AbortController plus
  // listeners on two EventTargets for every request.
  const hopSignal = new HopSignal();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    hopSignal.abort();
  }, settings.timeoutMs);
  const unwatch = watchRunSignal(settings.signal, hopSignal);
  const stopped = (partial?: RawResponse, phase: 'headers' | 'body' = 'headers'): HopOutcome | undefined => {
    if (timedOut) return { kind: 'failure', failure: timeoutFailure(ctx, settings.timeoutMs, phase), partial };
    if (settings.signal?.aborted) return { kind: 'interrupted', partial };
    return undefined;
  };

  try {
    let res: Awaited<ReturnType<typeof undiciRequest>>;
    try {
      res = await send(url, method, headers, body, getDispatcher(ctx.target, url, settings), hopSignal);
    } catch (error) {
      return stopped() ?? { kind: 'failure', failure: connectFailure(ctx, error) };
    }
    const next = follow(res.statusCode, single(res.headers['location']));
    if (next !== undefined) {
      await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      return { kind: 'redirect', status: res.statusCode, location: next };
    }
    const read = await readBody(res.body, single(res.headers['content-encoding']), limits.maxInflatedBodyBytes);
    const response: RawResponse = { status: res.statusCode, headers: res.headers, body: read };
    if (read.streamError !== undefined) {
      return stopped(response, 'body') ?? { kind: 'failure', failure: midBodyFailure(ctx, read.streamError, read.bytes.length), partial: response };
    }
    return { kind: 'response', response };
  } finally {
    clearTimeout(timer);
    unwatch();
  }
}

/**
 * undici's `request(url, opts)` as it would send it — origin and path from the parsed URL — but
 * straight to the agent: the top-level wrapper copies `opts` with a spread on every call. Anything
 * but an http(s) URL goes through the wrapper, so undici reports it exactly as before.
 */
function send(url: string, method: string, headers: Record<string, string>, body: string | Buffer | undefined, agent: Dispatcher, signal: HopSignal): ReturnType<typeof undiciRequest> {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    return undiciRequest(url, { method: method as 'GET', headers, body: body ?? null, dispatcher: agent, signal });
  }
  return agent.request({
    origin: parsed.origin,
    path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname,
    method: method as 'GET',
    headers,
    body: body ?? null,
    signal,
  });
}

/** Names a hop in failure messages. Its URL is redacted only when a message needs it: most hops never fail. */
class HopContext implements FailureContext {
  private redacted: string | undefined;

  constructor(
    readonly target: TargetName,
    readonly method: string,
    private readonly rawUrl: string,
    private readonly redactor: Redactor,
  ) {}

  get url(): string {
    return (this.redacted ??= this.redactor.redactUrl(this.rawUrl));
  }
}

/** A hop's abort handle, in the EventEmitter form of signal that undici's `request` accepts. */
class HopSignal extends EventEmitter {
  aborted = false;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}

/** The hops in flight under each run signal: one abort listener per run signal, not one per request. */
const hopsByRunSignal = new WeakMap<AbortSignal, Set<HopSignal>>();

function watchRunSignal(signal: AbortSignal | undefined, hop: HopSignal): () => void {
  if (!signal) return noop;
  if (signal.aborted) {
    hop.abort();
    return noop;
  }
  let hops = hopsByRunSignal.get(signal);
  if (!hops) {
    const watched = new Set<HopSignal>();
    hops = watched;
    hopsByRunSignal.set(signal, watched);
    signal.addEventListener('abort', () => {
      for (const each of [...watched]) each.abort();
      watched.clear();
    }, { once: true });
  }
  const set = hops;
  set.add(hop);
  return () => set.delete(hop);
}

function noop(): void {}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** What may follow a redirect to another origin: no credential, API key or header carrying a registered secret. */
function withoutCredentials(headers: Record<string, string>, redactor: Redactor): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name, value]) => !redactor.isCredentialHeader(name, value)));
}

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !/^content-(type|length|encoding)$/i.test(name)));
}
