import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { targetNames, type TargetName } from '../model/result';
import type { Pacer } from './types';

export interface PacerServer {
  /** `http://127.0.0.1:<port>`: hand it to workers (e.g. in an environment variable). */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the run-wide pacer of the parent process to other processes, so that the rate limit
 * holds across all Jest workers together (a quota is per application, not per process). The
 * parent keeps using `pacer` directly: a case it runs itself (Jest in band) takes its turn from
 * the same queue without a round trip. The caller owns the pacer and closes it.
 *
 * Protocol (loopback only):
 * - `POST /lease?target=<name>` — a long poll. The server answers `200` + `granted\n` when the
 *   request may start, and keeps the exchange open: the lease lasts as long as the worker keeps
 *   sending its request body. The worker releases by ending the body; if it dies, the socket
 *   closes and the lease is released just the same — a crashed worker can never leak a slot.
 *   Closing before the grant withdraws from the queue.
 * - `POST /pause` with `{"target": "...", "untilMs": <epoch ms>}` — after a 429.
 */
export async function startPacerServer(pacer: Pacer): Promise<PacerServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/lease') return lease(url, req, res);
    if (req.method === 'POST' && url.pathname === '/pause') return pause(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('pacer: unknown endpoint\n');
  });

  const lease = (url: URL, req: http.IncomingMessage, res: http.ServerResponse): void => {
    const target = url.searchParams.get('target');
    if (!isTarget(target)) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`pacer: unknown target "${target}"\n`);
      req.resume();
      return;
    }
    const withdrawn = new AbortController();
    let release: (() => void) | undefined;
    let ended = false;
    const finish = (): void => {
      if (ended) return;
      ended = true;
      if (release) release();
      else withdrawn.abort();
    };
    req.on('end', () => {
      finish();
      if (!res.writableEnded) res.end('released\n');
    });
    res.on('close', finish);
    req.resume();
    pacer.acquire(target, withdrawn.signal).then(
      (granted) => {
        if (ended) return granted(); // the worker left between the grant and now
        release = granted;
        res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
        res.write('granted\n');
      },
      (error: unknown) => {
        if (!res.headersSent && !res.destroyed) res.writeHead(503, { 'content-type': 'text/plain' }).end(`pacer: ${error instanceof Error ? error.message : String(error)}\n`);
      },
    );
  };

  const pause = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { target?: unknown; untilMs?: unknown };
        if (!isTarget(body.target) || typeof body.untilMs !== 'number') throw new Error('expected {"target", "untilMs"}');
        pacer.pause(body.target, body.untilMs);
        res.writeHead(204).end();
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end(`pacer: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    });
  };

  // A lease's request body stays open for as long as the call it guards: no request timeout.
  server.requestTimeout = 0;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function isTarget(value: unknown): value is TargetName {
  return typeof value === 'string' && (targetNames as readonly string[]).includes(value);
}
