import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { TargetName } from '../../src/model/result';
import { bindLoopback, closeServer } from '../../src/sandbox/loopbackServer';

export interface StubGatewayOptions {
  /** Delay before answering each request, ms (0 = answer at once). */
  latencyMs: number;
  /** Keep every request's arrival time (ms, `performance.timeOrigin`-based) for quota checks. */
  recordArrivals: boolean;
  /**
   * A JSON document per side (an object, as `writeLargePair` writes it) to answer with instead of
   * the small menu: sent as it is on file, with `seq` and `requestId` appended as its last members.
   */
  bodyFiles?: Record<TargetName, string>;
}

export interface StubGateway {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  requests(): number;
  /** Arrival times in epoch ms (sub-ms precision), when `recordArrivals` is on. */
  arrivals(): number[];
  close(): Promise<void>;
}

/**
 * A stand-in gateway for the benchmark: a plain node:http server on 127.0.0.1, port 0, that answers
 * every request with the same ~1.5 KB JSON document (or its side's `bodyFiles` document) except
 * `seq` and `requestId`, which change on every call — so the noise baseline (legacy called twice)
 * always has differences to excuse and the comparison does real work instead of short-circuiting
 * on identical bodies. Both derive from a per-server counter, not the clock: two calls in the same
 * millisecond still differ, so the noise baseline always learns them and no case can fail by timing.
 */
export async function startStubGateway(options: StubGatewayOptions, target: TargetName): Promise<StubGateway> {
  let count = 0;
  const arrivals: number[] = [];
  const file = options.bodyFiles?.[target];
  const large = file === undefined ? undefined : openDocument(readFileSync(file));
  const answer = (res: http.ServerResponse): void => {
    if (large) {
      // The candidate counts from a billion: its `seq` never equals the legacy's, so every case has
      // noise to tell apart (with equal counters, calls in step on both sides would match by chance).
      const seq = target === 'candidate' ? 1_000_000_000 + count : count;
      // Written as two pieces: a 10 MB document is never copied per call.
      const tail = Buffer.from(`${large.empty ? '' : ','}"seq":${seq},"requestId":"req-${seq.toString(36).padStart(8, '0')}"}`);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': large.head.length + tail.length });
      res.write(large.head);
      res.end(tail);
      return;
    }
    const body = Buffer.from(stubBody(count));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  };
  const server = http.createServer((req, res) => {
    count += 1;
    if (options.recordArrivals) arrivals.push(performance.timeOrigin + performance.now());
    // The request has no body (GET); drain anyway so keep-alive stays usable.
    req.resume();
    if (options.latencyMs > 0) setTimeout(answer, options.latencyMs, res);
    else answer(res);
  });
  server.keepAliveTimeout = 30_000;
  const url = await bindLoopback(server);
  return {
    url,
    requests: () => count,
    arrivals: () => arrivals,
    close: () => closeServer(server),
  };
}

const menu = Array.from({ length: 12 }, (_, i) => ({
  name: `pizza-${i}`,
  description: 'Tomato, mozzarella, basil and a little olive oil on a thin base.',
  price: 10 + i,
  vegetarian: i % 3 !== 0,
}));
const menuJson = JSON.stringify(menu);

/** The answer body: fixed except for `seq` and `requestId`. About 1.6 KB. */
function stubBody(seq: number): string {
  return `{"seq":${seq},"requestId":"req-${seq.toString(36).padStart(8, '0')}","menuVersion":"2024-11","items":${menuJson}}`;
}

/** A JSON object's bytes without the closing brace, so members can be appended per call. */
function openDocument(bytes: Buffer): { head: Buffer; empty: boolean } {
  const text = bytes.toString('utf8').trimEnd();
  if (!text.startsWith('{') || !text.endsWith('}')) throw new Error('stub gateway: a body file must hold one JSON object');
  const head = text.slice(0, -1);
  return { head: Buffer.from(head), empty: head.trim() === '{' };
}
