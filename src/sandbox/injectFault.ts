import type http from 'node:http';
import { choreoFaults } from './choreoFaults';
import { sendJson } from './httpBodies';
import type { TimerRegistry } from './timerRegistry';
import type { SandboxFault } from './types';

export interface FaultContext {
  timers: TimerRegistry;
  /** The gateway's own headers (x-request-id, server, CORS). */
  headers: http.OutgoingHttpHeaders;
  /** Built once per sandbox, only when the fault needs it. */
  hugeBody(): Buffer;
  gzipBomb(): Buffer;
}

/** Bytes sent one at a time by `slow-drip`: 15 bytes at 200 ms each take 3 s. */
export const slowDripBody = '{"drip":"slow"}';
export const slowDripIntervalMs = 200;
/** What `wrong-content-length` announces and what it really sends. */
export const wrongContentLength = { declared: 1000, body: '{"name":"BBQ Chicken Bacon","price":"15.00"}' };

/**
 * Answers a candidate API call with the configured fault instead of the backend's answer. Each
 * mode imitates a failure a client meets in the wild; none of them touches the token endpoint.
 */
export function injectFault(fault: SandboxFault, res: http.ServerResponse, ctx: FaultContext): void {
  const json = { ...ctx.headers, 'content-type': 'application/json' };
  switch (fault) {
    case 'reset-mid-body':
      // Headers promise a body; the connection dies halfway through it.
      res.writeHead(200, { ...json, 'content-length': 2048 });
      res.write('{"items":[{"name":"BBQ Chicken Bacon","descr');
      void ctx.timers.sleep(20).then(() => res.socket?.destroy());
      return;
    case 'stall':
      // Never answer; only the client's timeout (or close()) ends this.
      return;
    case 'slow-drip': {
      res.writeHead(200, { ...json, 'content-length': slowDripBody.length });
      res.flushHeaders();
      let sent = 0;
      const stop = ctx.timers.every(slowDripIntervalMs, () => {
        if (res.destroyed) return false;
        res.write(slowDripBody[sent]);
        sent += 1;
        if (sent < slowDripBody.length) return true;
        res.end();
        return false;
      });
      res.once('close', stop);
      return;
    }
    case 'invalid-json': {
      const body = '{"items": [{"name": "BBQ Chicken Bacon", "price": }';
      res.writeHead(200, { ...json, 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    case 'huge-body': {
      const body = ctx.hugeBody();
      res.writeHead(200, { ...json, 'content-length': body.length });
      res.end(body);
      return;
    }
    case 'gzip-bomb': {
      const body = ctx.gzipBomb();
      res.writeHead(200, { ...json, 'content-encoding': 'gzip', 'content-length': body.length });
      res.end(body);
      return;
    }
    case 'wrong-content-length':
      // Declares more than it sends, then ends and closes: the client sees a premature end of body.
      res.writeHead(200, { ...json, 'content-length': wrongContentLength.declared, connection: 'close' });
      res.end(wrongContentLength.body);
      return;
    case 'storm-500':
      sendJson(res, 500, { code: 500, message: 'Internal Server Error', description: 'The backend failed (sandbox fault storm-500)' }, ctx.headers);
      return;
    case 'storm-429': {
      // Choreo's throttle body with Retry-After as an HTTP date (facts §3), 1–2 s ahead.
      const fault429 = choreoFaults.throttled();
      const retryAt = new Date(Math.ceil((Date.now() + 1000) / 1000) * 1000);
      sendJson(res, fault429.status, fault429.body, { ...ctx.headers, 'retry-after': retryAt.toUTCString() });
      return;
    }
    default: {
      const unknown: never = fault;
      throw new Error(`unknown sandbox fault "${String(unknown)}"`);
    }
  }
}

/** A JSON array of menu-like items, at least `bytes` long (10 MiB for `huge-body`). */
export function createHugeBody(bytes = 10 * 1024 * 1024): Buffer {
  const item = JSON.stringify({ name: 'Garden Fresh', description: 'Slices onions and green peppers, gourmet mushrooms', price: '11.00', icon: '/images/3.png' });
  const count = Math.ceil(bytes / (item.length + 1));
  return Buffer.from(`[${new Array<string>(count).fill(item).join(',')}]`);
}
