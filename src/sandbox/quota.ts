/** One decision of a per-minute quota. */
export interface QuotaDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends and the count starts again (epoch ms). */
  resetAtMs: number;
}

export interface Quota {
  /** Counts one request; undefined when the quota is unlimited. */
  take(nowMs?: number): QuotaDecision | undefined;
}

/**
 * A fixed one-minute window that opens at the first request after the previous one closed, as
 * API Manager's throttle counters do (facts §5: tiers are requests per minute). Rejected
 * requests do not count.
 */
export function createQuota(perMinute: number | null, windowMs = 60_000): Quota {
  let windowStart = -Infinity;
  let used = 0;
  return {
    take(nowMs = Date.now()) {
      if (perMinute === null) return undefined;
      if (nowMs >= windowStart + windowMs) {
        windowStart = nowMs;
        used = 0;
      }
      const resetAtMs = windowStart + windowMs;
      if (used >= perMinute) return { allowed: false, limit: perMinute, remaining: 0, resetAtMs };
      used += 1;
      return { allowed: true, limit: perMinute, remaining: perMinute - used, resetAtMs };
    },
  };
}
