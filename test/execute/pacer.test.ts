import http from 'node:http';
import type { RateLimitConfig } from '../../src/config/types';
import { createLocalPacer } from '../../src/execute/pacer';
import { startPacerServer, type PacerServer } from '../../src/execute/pacerServer';
import { createRemotePacer } from '../../src/execute/remotePacer';
import type { Pacer } from '../../src/execute/types';
import type { TargetName } from '../../src/model/result';
import { delay, startLoopback, unlimited, type Loopback } from './loopback';

/** Short windows keep the tests fast; the arithmetic is the same as for a 60 s window. */
const windowMs = 500;
const perWindow = 5;
const minIntervalMs = windowMs / perWindow;

function limits(legacy: RateLimitConfig, candidate: RateLimitConfig = unlimited): Record<TargetName, RateLimitConfig> {
  return { legacy, candidate };
}

/** Sends one paced GET to the loopback server, as sendRequest does: acquire, call, release. */
async function pacedGet(pacer: Pacer, server: Loopback): Promise<void> {
  const release = await pacer.acquire('legacy');
  try {
    await new Promise<void>((resolve, reject) => {
      http.get(`${server.url}/hit`, { agent: false }, (res) => {
        res.resume();
        res.on('end', resolve);
      }).on('error', reject);
    });
  } finally {
    release();
  }
}

/** The most arrivals any window of `windowMs` saw, counted at the server. */
function busiestWindow(arrivals: number[]): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const start = sorted[i] as number;
    most = Math.max(most, sorted.filter((t) => t >= start && t < start + windowMs).length);
  }
  return most;
}

function gaps(arrivals: number[]): number[] {
  const sorted = [...arrivals].sort((a, b) => a - b);
  return sorted.slice(1).map((t, i) => t - (sorted[i] as number));
}

describe('local pacer', () => {
  let server: Loopback;
  beforeEach(async () => {
    server = await startLoopback((_req, res) => {
      setTimeout(() => res.end('ok'), 15);
    });
  });
  afterEach(() => server.close());

  it('never lets more than perMinute requests reach the server in any window, and spaces them evenly', async () => {
    const pacer = createLocalPacer(limits({ perMinute: perWindow, concurrency: 4 }), { windowMs });
    await Promise.all(Array.from({ length: 13 }, () => pacedGet(pacer, server)));
    await pacer.close();
    const arrivals = server.hits.map((h) => h.at);
    expect(arrivals).toHaveLength(13);
    expect(busiestWindow(arrivals)).toBeLessThanOrEqual(perWindow);
    // Generous tolerance for loopback jitter: spacing is the point, not precision.
    for (const gap of gaps(arrivals)) expect(gap).toBeGreaterThanOrEqual(minIntervalMs - 50);
  });

  it('keeps at most `concurrency` requests in flight for a target', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = await startLoopback((_req, res) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.end('ok');
      }, 40);
    });
    const pacer = createLocalPacer(limits({ perMinute: null, concurrency: 2 }));
    await Promise.all(Array.from({ length: 8 }, () => pacedGet(pacer, slow)));
    await pacer.close();
    await slow.close();
    expect(slow.hits).toHaveLength(8);
    expect(peak).toBe(2);
  });

  it('starts nothing for a paused target before the pause ends, and leaves other targets alone', async () => {
    const pacer = createLocalPacer(limits(unlimited, unlimited));
    const until = Date.now() + 300;
    pacer.pause('legacy', until);
    const [legacyAt, candidateAt] = await Promise.all([
      pacer.acquire('legacy').then((release) => (release(), Date.now())),
      pacer.acquire('candidate').then((release) => (release(), Date.now())),
    ]);
    await pacer.close();
    expect(legacyAt).toBeGreaterThanOrEqual(until);
    expect(candidateAt).toBeLessThan(until);
  });

  it('withdraws a waiting acquire when its signal aborts, and serves the next waiter', async () => {
    const pacer = createLocalPacer(limits({ perMinute: null, concurrency: 1 }));
    const first = await pacer.acquire('legacy');
    const controller = new AbortController();
    const abandoned = pacer.acquire('legacy', controller.signal);
    const next = pacer.acquire('legacy');
    controller.abort();
    await expect(abandoned).rejects.toBeDefined();
    first();
    const release = await next;
    release();
    await pacer.close();
  });

  it('rejects waiters when closed', async () => {
    const pacer = createLocalPacer(limits({ perMinute: null, concurrency: 1 }));
    await pacer.acquire('legacy');
    const waiting = pacer.acquire('legacy');
    await pacer.close();
    await expect(waiting).rejects.toThrow('pacer: closed');
  });
});

describe('cross-process pacer (server in the parent, remote pacers in workers)', () => {
  let server: Loopback;
  let pacerServer: PacerServer;
  afterEach(async () => {
    await pacerServer.close();
    await server.close();
  });

  it('holds the limit across two clients together, counted at the target', async () => {
    server = await startLoopback((_req, res) => {
      setTimeout(() => res.end('ok'), 10);
    });
    pacerServer = await startPacerServer(limits({ perMinute: perWindow, concurrency: 3 }), { windowMs });
    const workerA = createRemotePacer(pacerServer.url);
    const workerB = createRemotePacer(pacerServer.url);
    await Promise.all([
      ...Array.from({ length: 6 }, () => pacedGet(workerA, server)),
      ...Array.from({ length: 6 }, () => pacedGet(workerB, server)),
    ]);
    await Promise.all([workerA.close(), workerB.close()]);
    const arrivals = server.hits.map((h) => h.at);
    expect(arrivals).toHaveLength(12);
    expect(busiestWindow(arrivals)).toBeLessThanOrEqual(perWindow);
    for (const gap of gaps(arrivals)) expect(gap).toBeGreaterThanOrEqual(minIntervalMs - 50);
  });

  it('releases the lease of a worker that went away without releasing', async () => {
    server = await startLoopback((_req, res) => res.end('ok'));
    pacerServer = await startPacerServer(limits({ perMinute: null, concurrency: 1 }), { windowMs });
    const crashed = createRemotePacer(pacerServer.url);
    await crashed.acquire('legacy'); // never released
    await crashed.close(); // its connections die, as they would with the process
    const survivor = createRemotePacer(pacerServer.url);
    const release = await survivor.acquire('legacy');
    release();
    await survivor.close();
  });

  it('passes a pause from one worker on to the others', async () => {
    server = await startLoopback((_req, res) => res.end('ok'));
    pacerServer = await startPacerServer(limits(unlimited), { windowMs });
    const a = createRemotePacer(pacerServer.url);
    const b = createRemotePacer(pacerServer.url);
    const until = Date.now() + 300;
    a.pause('legacy', until);
    await delay(50); // the pause is fire-and-forget: let it land
    const release = await b.acquire('legacy');
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    release();
    await Promise.all([a.close(), b.close()]);
  });

  it('withdraws a remote acquire when its signal aborts', async () => {
    server = await startLoopback((_req, res) => res.end('ok'));
    pacerServer = await startPacerServer(limits({ perMinute: null, concurrency: 1 }), { windowMs });
    const worker = createRemotePacer(pacerServer.url);
    const held = await worker.acquire('legacy');
    const controller = new AbortController();
    const waiting = worker.acquire('legacy', controller.signal);
    setTimeout(() => controller.abort(), 30);
    await expect(waiting).rejects.toBeDefined();
    held();
    const again = await worker.acquire('legacy');
    again();
    await worker.close();
  });
});
