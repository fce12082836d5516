import http from 'node:http';
import type { RateLimitConfig } from '../../src/config/types';
import { createLocalPacer } from '../../src/execute/pacer';
import { startPacerServer, type PacerServer } from '../../src/execute/pacerServer';
import { createRemotePacer } from '../../src/execute/remotePacer';
import type { Pacer } from '../../src/execute/types';
import type { TargetName } from '../../src/model/result';
import { startLoopback, unlimited, type Loopback } from './loopback';

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

/**
 * What a pacer at `perWindow` per `windowMs` guarantees, checked with bounds a loaded machine
 * cannot break (late delivery only ever adds time): the k-th arrival (from 0) cannot come before
 * k evenly spaced slots after the first request was sent. The exact spacing and the sliding window
 * at its limit are proven on a fake clock below ("local pacer spacing").
 */
function expectPaced(arrivals: number[], sentFrom: number): void {
  const sorted = [...arrivals].sort((a, b) => a - b);
  // 1 ms of slack: Date.now() is whole milliseconds on both ends.
  sorted.forEach((at, k) => expect(at - sentFrom).toBeGreaterThanOrEqual(k * minIntervalMs - 1));
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
    const sentFrom = Date.now();
    await Promise.all(Array.from({ length: 13 }, () => pacedGet(pacer, server)));
    await pacer.close();
    expect(server.hits).toHaveLength(13);
    expectPaced(server.hits.map((h) => h.at), sentFrom);
  });

  it('keeps at most `concurrency` requests in flight for a target', async () => {
    let inFlight = 0;
    let peak = 0;
    let held: http.ServerResponse[] = [];
    // Answers only once two requests are in flight (a pacer that allowed fewer would hang the
    // test), and then only after 40 ms, which gives a third request, if one were let through,
    // time to arrive and be counted.
    const slow = await startLoopback((_req, res) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      held.push(res);
      if (held.length < 2) return;
      const pair = held;
      held = [];
      setTimeout(() => {
        for (const answer of pair) {
          inFlight -= 1;
          answer.end('ok');
        }
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
    // Order, not a stopwatch: the candidate's lease is granted before the paused legacy's, and the
    // legacy's never before `until` (timers never fire early).
    const order: string[] = [];
    const [legacyAt] = await Promise.all([
      pacer.acquire('legacy').then((release) => (release(), order.push('legacy'), Date.now())),
      pacer.acquire('candidate').then((release) => (release(), order.push('candidate'), Date.now())),
    ]);
    await pacer.close();
    expect(legacyAt).toBeGreaterThanOrEqual(until);
    expect(order).toEqual(['candidate', 'legacy']);
  });

  it('withdraws a waiting acquire when its signal aborts, and serves the next waiter', async () => {
    const pacer = createLocalPacer(limits({ perMinute: null, concurrency: 1 }));
    const first = await pacer.acquire('legacy');
    const controller = new AbortController();
    const abandoned = pacer.acquire('legacy', controller.signal);
    const next = pacer.acquire('legacy');
    controller.abort();
    await expect(abandoned).rejects.toMatchObject({ name: 'AbortError' });
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
  let parentPacer: Pacer;
  let pacerServer: PacerServer;
  /** The parent's own pacer, served to the workers. */
  const serve = async (limitsOfRun: Record<TargetName, RateLimitConfig>): Promise<PacerServer> => {
    parentPacer = createLocalPacer(limitsOfRun, { windowMs });
    return startPacerServer(parentPacer);
  };
  afterEach(async () => {
    await parentPacer.close();
    await pacerServer.close();
    await server.close();
  });

  it('holds the limit across two clients together, counted at the target', async () => {
    server = await startLoopback((_req, res) => {
      setTimeout(() => res.end('ok'), 10);
    });
    pacerServer = await serve(limits({ perMinute: perWindow, concurrency: 3 }));
    const sentFrom = Date.now();
    const workerA = createRemotePacer(pacerServer.url);
    const workerB = createRemotePacer(pacerServer.url);
    await Promise.all([
      ...Array.from({ length: 6 }, () => pacedGet(workerA, server)),
      ...Array.from({ length: 6 }, () => pacedGet(workerB, server)),
    ]);
    await Promise.all([workerA.close(), workerB.close()]);
    expect(server.hits).toHaveLength(12);
    expectPaced(server.hits.map((h) => h.at), sentFrom);
  });

  it('serves the parent’s own pacer: a request of the parent process waits while a worker holds the only place', async () => {
    server = await startLoopback((_req, res) => res.end('ok'));
    pacerServer = await serve(limits({ perMinute: null, concurrency: 1 }));
    const worker = createRemotePacer(pacerServer.url);
    const workerRelease = await worker.acquire('legacy');
    let parentGranted = false;
    const parentTurn = parentPacer.acquire('legacy').then((release) => {
      parentGranted = true;
      return release;
    });
    // A free place is granted within a microtask; a place held by the worker is not.
    await new Promise((resolve) => setImmediate(resolve));
    expect(parentGranted).toBe(false);
    workerRelease();
    (await parentTurn)();
    expect(parentGranted).toBe(true);
    await worker.close();
  });

  it('releases the lease of a worker that went away without releasing', async () => {
    server = await startLoopback((_req, res) => res.end('ok'));
    pacerServer = await serve(limits({ perMinute: null, concurrency: 1 }));
    const crashed = createRemotePacer(pacerServer.url);
    await crashed.acquire('legacy'); // never released
    await crashed.close(); // its connections die, as they would with the process
    const survivor = createRemotePacer(pacerServer.url);
    // With concurrency 1, this lease exists only if the crashed worker's lease was given back.
    const release = await survivor.acquire('legacy');
    expect(release).toEqual(expect.any(Function));
    release();
    await survivor.close();
  });

  it('passes a pause from one worker on to the others', async () => {
    server = await startLoopback((_req, res) => res.end('ok'));
    pacerServer = await serve(limits(unlimited));
    const a = createRemotePacer(pacerServer.url);
    const b = createRemotePacer(pacerServer.url);
    const until = Date.now() + 300;
    a.pause('legacy', until);
    // The pause is fire-and-forget for its caller; close() waits for the server's answer to it,
    // so the pause has landed when it resolves (an event, not a sleep).
    await a.close();
    const release = await b.acquire('legacy');
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    release();
    await b.close();
  });

  it('withdraws a remote acquire when its signal aborts', async () => {
    server = await startLoopback((_req, res) => res.end('ok'));
    pacerServer = await serve(limits({ perMinute: null, concurrency: 1 }));
    const worker = createRemotePacer(pacerServer.url);
    const held = await worker.acquire('legacy');
    const controller = new AbortController();
    const waiting = worker.acquire('legacy', controller.signal);
    setTimeout(() => controller.abort(), 30);
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    held();
    const again = await worker.acquire('legacy');
    again();
    await worker.close();
  });
});

/**
 * Spacing from the slot a start was due at, on a fake clock. `lateBy(ms)` makes the pacer's clock
 * run ahead of the timers by `ms`: every timer then fires that much late as the pacer sees it,
 * which is what a busy event loop does to the pacer's timer.
 */
describe('local pacer spacing (fake clock)', () => {
  const interval = 100;
  const windowMs = interval * 10;
  const paced = { perMinute: 10, concurrency: 4 };
  let offset = 0;
  const lateBy = (ms: number): void => {
    offset = ms;
  };
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    offset = 0;
    const timersNow = Date.now;
    jest.spyOn(Date, 'now').mockImplementation(() => timersNow.call(Date) + offset);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  /** Acquires for legacy and records when (on the pacer's clock) each grant happened. */
  function acquireAt(pacer: Pacer, starts: number[]): Promise<() => void> {
    return pacer.acquire('legacy').then((release) => {
      starts.push(Date.now());
      return release;
    });
  }

  it('makes up a late timer on the next start instead of pushing every later start back', async () => {
    const pacer = createLocalPacer(limits(paced), { windowMs });
    const t0 = Date.now();
    const starts: number[] = [];
    const grants = [acquireAt(pacer, starts), acquireAt(pacer, starts), acquireAt(pacer, starts)];
    await jest.advanceTimersByTimeAsync(0);
    expect(starts).toEqual([t0]);
    // The second start's timer fires 30 ms late.
    lateBy(30);
    await jest.advanceTimersByTimeAsync(interval);
    expect(starts).toEqual([t0, t0 + interval + 30]);
    // The third keeps to its own slot (t0 + 2 intervals), not to the late start + one interval.
    await jest.advanceTimersByTimeAsync(interval - 30 - 1);
    expect(starts).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(starts).toEqual([t0, t0 + interval + 30, t0 + 2 * interval]);
    for (const release of await Promise.all(grants)) release();
    await pacer.close();
  });

  it('makes up at most one interval, however late the timer fired', async () => {
    const pacer = createLocalPacer(limits(paced), { windowMs });
    const t0 = Date.now();
    const starts: number[] = [];
    const grants = [acquireAt(pacer, starts), acquireAt(pacer, starts), acquireAt(pacer, starts), acquireAt(pacer, starts)];
    await jest.advanceTimersByTimeAsync(0);
    lateBy(4 * interval);
    await jest.advanceTimersByTimeAsync(interval);
    // The second was due at t0+100 and started at t0+500: the third may follow at once, the fourth one interval later.
    expect(starts).toEqual([t0, t0 + 5 * interval, t0 + 5 * interval]);
    await jest.advanceTimersByTimeAsync(interval - 1);
    expect(starts).toHaveLength(3);
    await jest.advanceTimersByTimeAsync(1);
    expect(starts[3]).toBe(t0 + 6 * interval);
    for (const release of await Promise.all(grants)) release();
    await pacer.close();
  });

  it('does not burst after a pause in traffic: a request arriving at an idle lane counts from its own start', async () => {
    const pacer = createLocalPacer(limits(paced), { windowMs });
    const first = await pacer.acquire('legacy');
    first();
    await jest.advanceTimersByTimeAsync(10 * interval);
    const t1 = Date.now();
    const starts: number[] = [];
    const grants = [acquireAt(pacer, starts), acquireAt(pacer, starts)];
    await jest.advanceTimersByTimeAsync(interval - 1);
    expect(starts).toEqual([t1]);
    await jest.advanceTimersByTimeAsync(1);
    expect(starts).toEqual([t1, t1 + interval]);
    for (const release of await Promise.all(grants)) release();
    await pacer.close();
  });

  it('does not count waiting for a free place as lateness: a start freed by a release is spaced from that release', async () => {
    const pacer = createLocalPacer(limits({ perMinute: 10, concurrency: 2 }), { windowMs });
    const t0 = Date.now();
    const starts: number[] = [];
    const a = acquireAt(pacer, starts);
    const b = acquireAt(pacer, starts);
    const c = acquireAt(pacer, starts);
    const d = acquireAt(pacer, starts);
    await jest.advanceTimersByTimeAsync(interval);
    expect(starts).toEqual([t0, t0 + interval]);
    // Both places are held well past the third and fourth slots.
    await jest.advanceTimersByTimeAsync(250);
    (await a)();
    await jest.advanceTimersByTimeAsync(0);
    expect(starts[2]).toBe(t0 + 350);
    await jest.advanceTimersByTimeAsync(10);
    (await b)();
    await jest.advanceTimersByTimeAsync(0);
    // A place is free from t0+360, but the fourth still starts one interval after the third.
    expect(starts).toHaveLength(3);
    await jest.advanceTimersByTimeAsync(interval - 10);
    expect(starts[3]).toBe(t0 + 350 + interval);
    (await c)();
    (await d)();
    await pacer.close();
  });

  it('never lets more than perMinute start in any window while it makes up late timers', async () => {
    const pacer = createLocalPacer(limits({ perMinute: 10, concurrency: 10 }), { windowMs });
    const starts: number[] = [];
    const done: Array<Promise<void>> = [];
    for (let i = 0; i < 40; i += 1) {
      done.push(
        acquireAt(pacer, starts).then(async (release) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          release();
        }),
      );
    }
    // Now and then the "event loop" is busy: every timer from then on fires later still.
    for (let step = 0; step < 2_000 && starts.length < 40; step += 1) {
      if (step % 7 === 3) lateBy(offset + 70);
      await jest.advanceTimersByTimeAsync(13);
    }
    await jest.advanceTimersByTimeAsync(100);
    await Promise.all(done);
    await pacer.close();
    expect(starts).toHaveLength(40);
    const sorted = [...starts].sort((x, y) => x - y);
    for (const start of sorted) expect(sorted.filter((t) => t >= start && t < start + windowMs).length).toBeLessThanOrEqual(10);
  });
});
