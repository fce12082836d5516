import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { RateLimitConfig, RetryConfig } from '../../src/config/types';
import type { TargetName } from '../../src/model/result';
import { createLocalPacer } from '../../src/execute/pacer';
import { Redactor } from '../../src/execute/redactor';
import type { Pacer, SendSettings } from '../../src/execute/types';
import { selfSignedCert, selfSignedKey } from './selfSignedCert';

export interface Loopback {
  url: string;
  port: number;
  /** Requests received, in order, with their arrival time. */
  hits: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string; at: number }>;
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string, hitIndex: number) => unknown;

/** A real HTTP(S) server on 127.0.0.1, random port; every request's body is read before `handler`. */
export async function startLoopback(handler: Handler, options: { tls?: boolean } = {}): Promise<Loopback> {
  const hits: Loopback['hits'] = [];
  const listener: http.RequestListener = (req, res) => {
    const at = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const index = hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, at }) - 1;
      Promise.resolve(handler(req, res, body, index)).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(error));
      });
    });
  };
  const server = options.tls ? https.createServer({ cert: selfSignedCert, key: selfSignedKey }, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    hits,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port that was free a moment ago and has nothing listening on it now. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const noRetry: RetryConfig = { throttled: 0, transient: 0, backoffMs: 10 };
export const unlimited: RateLimitConfig = { perMinute: null, concurrency: 16 };

export function unlimitedPacer(): Pacer {
  return createLocalPacer({ legacy: unlimited, candidate: unlimited });
}

/** A pacer that remembers every `pause` before passing it on. */
export function recordingPacer(inner: Pacer): Pacer & { pauses: Array<{ target: TargetName; untilMs: number }> } {
  const pauses: Array<{ target: TargetName; untilMs: number }> = [];
  return {
    pauses,
    acquire: (target, signal) => inner.acquire(target, signal),
    pause: (target, untilMs) => {
      pauses.push({ target, untilMs });
      inner.pause(target, untilMs);
    },
    close: () => inner.close(),
  };
}

export function sendSettings(overrides: Partial<SendSettings> = {}): SendSettings {
  return {
    timeoutMs: 5_000,
    tlsVerify: true,
    followRedirects: 'same-host',
    retry: noRetry,
    maxRecordedBodyBytes: 1024 * 1024,
    redactor: new Redactor(),
    pacer: unlimitedPacer(),
    ...overrides,
  };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
