import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redactor } from './redactor';

export interface RedactionServer {
  /** `http://127.0.0.1:<port>`: hand it to workers with `key` (process environment, never a file). */
  url: string;
  /** The capability a worker must present: without it the registry says nothing. */
  key: string;
  /** The run-wide registry: everything every worker registered. */
  redactor: Redactor;
  close(): Promise<void>;
}

/** A registry entry on the wire: the secret and its label. Loopback only, in memory only. */
export type RegistryEntry = [value: string, label: string];

const maxBodyBytes = 4 * 1024 * 1024;

/**
 * The run's one redaction registry, held by the parent process (Jest's global setup) and shared
 * with every worker over loopback: a token one worker was issued is hidden in every other
 * worker's output too. Secrets are never written to disk to share them.
 *
 * Protocol (127.0.0.1, `Authorization: Bearer <key>` on every request, 401 without it):
 * - `POST /secrets` with `[[value, label], …]` — registers them run-wide;
 * - `GET /secrets?since=<n>` — the entries from position n on, and the next position.
 */
export async function startRedactionServer(redactor = new Redactor()): Promise<RedactionServer> {
  const key = randomBytes(32).toString('hex');
  const expected = Buffer.from(`Bearer ${key}`);
  const log: RegistryEntry[] = [];
  const known = new Set<string>();
  const record = (value: string, label: string): void => {
    if (value === '' || known.has(value)) return;
    known.add(value);
    log.push([value, label]);
    redactor.add(value, label);
  };
  for (const [value, label] of redactor.entries()) record(value, label);
  // The capability itself is a secret of the run: if anything ever echoed it, it is hidden.
  redactor.add(key, 'run.redaction_key');

  const server = http.createServer((req, res) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      req.resume();
      res.writeHead(401).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/secrets') {
      const since = Math.max(0, Number(url.searchParams.get('since') ?? '0') || 0);
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ next: log.length, entries: log.slice(since) }));
      return;
    }
    if (req.method === 'POST' && url.pathname === '/secrets') {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBodyBytes) chunks.push(chunk);
      });
      req.on('end', () => {
        try {
          if (size > maxBodyBytes) throw new Error('too large');
          const entries = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
          if (!Array.isArray(entries)) throw new Error('expected a list');
          for (const entry of entries) if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string') record(entry[0], entry[1]);
          res.writeHead(204).end();
        } catch {
          res.writeHead(400).end();
        }
      });
      return;
    }
    req.resume();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    key,
    redactor,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
