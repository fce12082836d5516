const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The `nextAccessTime` of an API Manager throttling fault (`<amt:nextAccessTime>` in XML, or the
 * same key in the JSON form) — API Cloud may send it, and never sends `Retry-After` (gateway facts
 * §3; docs/gateway-differences.md#fault-throttled-retry-hint). WSO2 writes it as
 * `2026-Sep-12 20:00:00+0000 UTC` (`yyyy-MMM-dd HH:mm:ssZ`); ISO 8601 and epoch milliseconds are
 * accepted too.
 */
export function wso2NextAccessTime(faultText: string): { epochMs: number; text: string } | undefined {
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
