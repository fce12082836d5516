import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A value some token endpoint handed out during the run, with a label that never shows it. */
export interface IssuedToken {
  label: string;
  value: string;
}

export interface TokenRecorder {
  /** Point `<TARGET>_TOKEN_URL` here instead of at the gateway. */
  urls: { legacy: string; candidate: string };
  /** Every token any answer carried, in order of issue. */
  issued: IssuedToken[];
  /** The `grant_type` of every request that passed through, per target. */
  grants: Array<{ target: 'legacy' | 'candidate'; grantType: string }>;
  close(): Promise<void>;
}

const tokenFields = ['access_token', 'refresh_token', 'id_token'] as const;

/**
 * A loopback recording proxy in front of two token endpoints. The sandbox keeps the tokens it
 * issues to itself, so the only way to know every one of them is to read the answers on the way
 * back: each request goes upstream unchanged (Basic credentials, form body), each answer comes
 * back unchanged, and the token members of JSON answers are remembered.
 */
export async function startTokenRecorder(upstream: { legacy: string; candidate: string }): Promise<TokenRecorder> {
  const issued: IssuedToken[] = [];
  const grants: TokenRecorder['grants'] = [];
  const counts = new Map<string, number>();

  const server = http.createServer((req, res) => {
    const target = req.url?.startsWith('/candidate') ? 'candidate' : req.url?.startsWith('/legacy') ? 'legacy' : undefined;
    if (!target) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      grants.push({ target, grantType: new URLSearchParams(body.toString('utf8')).get('grant_type') ?? '' });
      const headers = { ...req.headers };
      delete headers.host;
      const forward = http.request(upstream[target], { method: req.method, headers, agent: false }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => parts.push(chunk));
        answer.on('end', () => {
          const payload = Buffer.concat(parts);
          remember(target, payload);
          const back = { ...answer.headers };
          delete back['transfer-encoding'];
          res.writeHead(answer.statusCode ?? 502, { ...back, 'content-length': payload.length });
          res.end(payload);
        });
      });
      forward.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'text/plain' }).end(`token recorder: upstream failed: ${error.message}`);
      });
      forward.end(body);
    });
  });

  function remember(target: 'legacy' | 'candidate', payload: Buffer): void {
    let json: unknown;
    try {
      json = JSON.parse(payload.toString('utf8'));
    } catch {
      return;
    }
    if (json === null || typeof json !== 'object') return;
    for (const field of tokenFields) {
      const value = (json as Record<string, unknown>)[field];
      if (typeof value !== 'string' || value === '') continue;
      const key = `${target} ${field}`;
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      issued.push({ label: `${key} #${n}`, value });
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urls: { legacy: `http://127.0.0.1:${port}/legacy/token`, candidate: `http://127.0.0.1:${port}/candidate/oauth2/token` },
    issued,
    grants,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
