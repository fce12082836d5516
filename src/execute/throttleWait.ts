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

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * WSO2 writes `nextAccessTime` as `2026-Sep-12 20:00:00+0000 UTC` (`yyyy-MMM-dd HH:mm:ssZ`);
 * ISO 8601 and epoch milliseconds are accepted too.
 */
export function nextAccessTime(faultText: string): { epochMs: number; text: string } | undefined {
  const match = /nextAccessTime(?:>|"\s*:\s*"?)\s*([^<"\n]+?)\s*(?:<|"|,|}|\n)/i.exec(faultText);
  const text = match?.[1]?.trim();
  if (!text) return undefined;
  if (/^\d{12,}$/.test(text)) return { epochMs: Number(text), text };
  const wso2 = /^(\d{4})-([A-Za-z]{3}|\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?\s*([+-]\d{2}:?\d{2}|Z)?/.exec(text);
  if (wso2) {
    const [, y, mon, d, h, mi, s, ms, zone] = wso2 as unknown as [string, string, string, string, string, string, string, string | undefined, string | undefined];
    const month = /^\d+$/.test(mon) ? Number(mon) - 1 : monthNames.indexOf(mon.toLowerCase());
    if (month < 0) return undefined;
    const utc = Date.UTC(Number(y), month, Number(d), Number(h), Number(mi), Number(s), Number((ms ?? '0').padEnd(3, '0')));
    return { epochMs: utc - zoneOffsetMs(zone), text };
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : { epochMs: parsed, text };
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return (m[1] === '-' ? -1 : 1) * minutes * 60_000;
}
