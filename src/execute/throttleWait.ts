import { wso2NextAccessTime } from '../profiles/wso2NextAccessTime';

export interface ThrottleWait {
  waitMs: number;
  /** Where the wait came from, for the retry record. */
  detail: string;
}

/**
 * How long to stay away after a 429, from the most specific hint available:
 *
 * 1. `Retry-After`, in seconds or as an HTTP date — Choreo sends a date (facts §3).
 * 2. `nextAccessTime` in the throttling fault (`<amt:nextAccessTime>` in XML, or the same key
 *    in the JSON form) — API Cloud may send it, and never sends `Retry-After` (facts §3).
 * 3. Otherwise the start of the next quota window. API Manager counts requests in fixed windows
 *    aligned to the clock (**G**: Siddhi `timeBatch` windows); waiting for the next boundary,
 *    plus a small guard for clock skew, is the shortest wait that can succeed.
 */
export function throttleWait(retryAfter: string | undefined, faultText: string, now: number, windowMs: number): ThrottleWait {
  if (retryAfter !== undefined && retryAfter.trim() !== '') {
    const value = retryAfter.trim();
    if (/^\d+(\.\d+)?$/.test(value)) return { waitMs: Math.ceil(Number(value) * 1000), detail: `Retry-After: ${value}` };
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return { waitMs: Math.max(0, date - now), detail: `Retry-After: ${value}` };
  }
  const next = nextAccessTime(faultText);
  if (next !== undefined) return { waitMs: Math.max(0, next.epochMs - now), detail: `nextAccessTime: ${next.text}` };
  const guardMs = Math.min(250, Math.floor(windowMs / 20));
  const waitMs = windowMs - (now % windowMs) + guardMs;
  return { waitMs, detail: `no Retry-After or nextAccessTime: waited for the next ${windowMs} ms window` };
}

/** WSO2's `nextAccessTime` format is vendor knowledge: it lives with the profiles. */
const nextAccessTime = wso2NextAccessTime;
