import type { RateLimitConfig } from '../config/types';
import type { TargetName } from '../model/result';
import type { Pacer } from './types';

export interface PacerOptions {
  /**
   * The quota window. `perMinute` means "at most this many per window"; 60 000 in real runs,
   * shorter only in tests.
   */
  windowMs: number;
}

const defaultPacerOptions = { windowMs: 60_000 } satisfies PacerOptions;

/**
 * Paces each target by its own limits (facts §5: a replay must never push a target past its
 * quota).
 *
 * - Concurrency: at most `concurrency` requests in flight per target.
 * - Rate: a request holds one of `perMinute` slots from the moment it starts until one window
 *   after it finishes. The gateway counts a request at some instant between our send and its
 *   answer; holding the slot until `end + window` means that no window, wherever the gateway
 *   puts it and whatever the latency, ever sees more than `perMinute` requests.
 * - Spread: starts are `window / perMinute` apart, so a quota is used evenly instead of in a
 *   burst at the top of each window. The next start is spaced from the slot the previous one was
 *   DUE at, not from when its timer happened to fire: a timer that fires late (timer granularity,
 *   an event loop busy comparing) is made up on the next start instead of pushing every later
 *   start back. At most one interval of lateness is made up, and only lateness of a request that
 *   was already waiting for its slot: a request arriving at an idle lane, or freed by a release,
 *   counts from its actual start (no burst after a pause in traffic).
 * - `pause(target, until)`: no request starts before `until` (after a 429).
 *
 * Waiters are served first come, first served.
 */
export function createLocalPacer(limits: Record<TargetName, RateLimitConfig>, options: Partial<PacerOptions> = {}): Pacer {
  const { windowMs } = { ...defaultPacerOptions, ...options };
  const lanes = new Map<TargetName, Lane>();
  let closed = false;

  const laneOf = (target: TargetName): Lane => {
    let lane = lanes.get(target);
    if (!lane) {
      const limit = limits[target];
      if (!limit) throw new Error(`pacer: no rate limit configured for target "${target}"`);
      lane = new Lane(limit, windowMs);
      lanes.set(target, lane);
    }
    return lane;
  };

  return {
    acquire(target, signal) {
      if (closed) return Promise.reject(new Error('pacer: closed'));
      return laneOf(target).acquire(signal);
    },
    pause(target, untilMs) {
      if (!closed) laneOf(target).pause(untilMs);
    },
    async close() {
      closed = true;
      for (const lane of lanes.values()) lane.close();
    },
  };
}

interface Waiter {
  grant: (release: () => void) => void;
  reject: (error: unknown) => void;
  detach: () => void;
  /** When it joined the queue: it cannot have been due before that. */
  enqueuedAt: number;
}

class Lane {
  private inFlight = 0;
  /** In-flight requests that hold a rate slot until they finish. */
  private slotsHeldOpen = 0;
  /** Expiry times (end + window) of finished requests' slots, in increasing order. */
  private readonly slotExpiries: number[] = [];
  private lastStart = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;
  /** When a release last freed a place while the lane was at its concurrency limit. */
  private freedAt = Number.NEGATIVE_INFINITY;
  private readonly queue: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly minIntervalMs: number;

  constructor(
    private readonly limit: RateLimitConfig,
    private readonly windowMs: number,
  ) {
    if (limit.perMinute !== null && !(limit.perMinute >= 1)) throw new Error(`pacer: perMinute must be at least 1 (or null for no limit), got ${limit.perMinute}`);
    if (!(limit.concurrency >= 1)) throw new Error(`pacer: concurrency must be at least 1, got ${limit.concurrency}`);
    this.minIntervalMs = limit.perMinute === null ? 0 : windowMs / limit.perMinute;
  }

  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.queue.length === 0 && this.inFlight < this.limit.concurrency) {
      // Nobody waits and a place is free: grant at once when the rate allows, without queueing
      // (and without an abort listener that would only be removed again).
      const now = Date.now();
      const earliest = this.earliestStart(now);
      if (earliest !== null && earliest <= now) return Promise.resolve(this.start(now, now));
    }
    const enqueuedAt = Date.now();
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(abortReason(signal as AbortSignal));
        this.pump();
      };
      const waiter: Waiter = {
        grant: resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
        enqueuedAt,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  pause(untilMs: number): void {
    if (untilMs <= this.pausedUntil) return;
    this.pausedUntil = untilMs;
    this.pump();
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const waiter of this.queue.splice(0)) {
      waiter.detach();
      waiter.reject(new Error('pacer: closed while waiting'));
    }
  }

  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.queue.length > 0) {
      const now = Date.now();
      if (this.inFlight >= this.limit.concurrency) return; // a release pumps again
      const earliest = this.earliestStart(now);
      if (earliest === null) return; // every slot is held by a request in flight
      if (earliest > now) {
        // Timers may fire a millisecond early; pump re-checks the clock and re-arms.
        this.timer = setTimeout(() => this.pump(), Math.max(1, Math.ceil(earliest - now)));
        return;
      }
      const waiter = this.queue.shift() as Waiter;
      waiter.detach();
      // The moment this request was due: its slot, but never before it asked or before a
      // release made room for it (waiting for a place is not lateness to make up).
      waiter.grant(this.start(now, Math.max(earliest, waiter.enqueuedAt, this.freedAt)));
    }
  }

  /** When the next request may start, or null when only a release can free a slot. */
  private earliestStart(now: number): number | null {
    let earliest = Math.max(this.pausedUntil, this.lastStart + this.minIntervalMs);
    const perWindow = this.limit.perMinute;
    if (perWindow !== null) {
      while (this.slotExpiries.length > 0 && (this.slotExpiries[0] as number) <= now) this.slotExpiries.shift();
      const used = this.slotsHeldOpen + this.slotExpiries.length;
      if (used >= perWindow) {
        // The oldest finished slot that must expire to get under the limit.
        const mustExpire = used - perWindow;
        if (mustExpire >= this.slotExpiries.length) return null;
        earliest = Math.max(earliest, this.slotExpiries[mustExpire] as number);
      }
    }
    return earliest;
  }

  /** `due`: when the request could have started; the next start is spaced from it (see the class comment). */
  private start(now: number, due: number): () => void {
    this.inFlight += 1;
    // Made-up lateness is capped at one interval: the next start is never due before `now`.
    this.lastStart = Math.min(now, Math.max(due, now - this.minIntervalMs));
    const holdsSlot = this.limit.perMinute !== null;
    if (holdsSlot) this.slotsHeldOpen += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (this.inFlight >= this.limit.concurrency) this.freedAt = Date.now();
      this.inFlight -= 1;
      if (holdsSlot) {
        this.slotsHeldOpen -= 1;
        this.slotExpiries.push(Date.now() + this.windowMs);
      }
      this.pump();
    };
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}
