import http from 'node:http';
import type { TargetName } from '../model/result';
import type { Pacer } from './types';

/**
 * The worker side of `startPacerServer`: every `acquire` is a lease held open on its own
 * loopback connection (see the protocol there), so the parent's pacer sees every worker's
 * requests and releases even those of a worker that crashed.
 */
export function createRemotePacer(url: string): Pacer {
  const base = new URL(url);
  // Keep-alive: a lease used to open a new loopback connection per request (agent: false), one
  // TCP handshake per paced request. A released lease's socket now serves the next lease.
  const agent = new http.Agent({ keepAlive: true });
  const open = new Set<http.ClientRequest>();
  const pending = new Set<Promise<void>>();
  let closed = false;

  const track = (promise: Promise<void>): void => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise));
  };

  return {
    acquire(target: TargetName, signal?: AbortSignal): Promise<() => void> {
      if (closed) return Promise.reject(new Error('pacer: closed'));
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      return new Promise((resolve, reject) => {
        const req = http.request(new URL(`/lease?target=${encodeURIComponent(target)}`, base), {
          method: 'POST',
          agent,
          headers: { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' },
        });
        open.add(req);
        let granted = false;
        let settled = false;
        const fail = (error: unknown): void => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          open.delete(req);
          req.destroy();
          reject(error);
        };
        const onAbort = (): void => fail(abortReason(signal as AbortSignal));
        signal?.addEventListener('abort', onAbort, { once: true });

        req.on('error', (error) => fail(new Error(`pacer server ${base.origin} unreachable: ${error.message}`, { cause: error })));
        req.on('close', () => {
          open.delete(req);
          if (!granted) fail(new Error(`pacer server ${base.origin} closed the lease before granting it`));
        });
        req.on('response', (res) => {
          if (res.statusCode !== 200) {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => fail(new Error(`pacer server refused the lease: ${res.statusCode} ${Buffer.concat(chunks).toString('utf8').trim()}`)));
            return;
          }
          res.once('data', () => {
            if (settled) return;
            granted = true;
            settled = true;
            signal?.removeEventListener('abort', onAbort);
            let released = false;
            resolve(() => {
              if (released) return;
              released = true;
              // Ending the body releases the lease; wait for the server's goodbye so close()
              // never cuts a release short.
              track(
                new Promise<void>((done) => {
                  res.on('close', done);
                  res.resume();
                  req.end();
                }),
              );
            });
          });
        });
        // Send the headers now: the server must see the lease request before any body.
        req.flushHeaders();
      });
    },

    pause(target: TargetName, untilMs: number): void {
      if (closed) return;
      track(
        new Promise<void>((done) => {
          const req = http.request(new URL('/pause', base), { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
            res.resume();
            res.on('end', done);
          });
          // A lost pause only costs one more 429, which is retried; never fail the caller for it.
          req.on('error', () => done());
          req.end(JSON.stringify({ target, untilMs }));
        }),
      );
    },

    async close(): Promise<void> {
      closed = true;
      await Promise.all([...pending]);
      for (const req of open) req.destroy();
      open.clear();
      agent.destroy();
    },
  };
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}
