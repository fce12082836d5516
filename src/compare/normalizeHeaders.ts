import { headerCanonicalizerFor, headerDropFor } from '../profiles/profileRules';
import { normalizeValue } from './normalizeValue';
import { addNote, brief, type NoteSink, type SideRules } from './sideRules';

/** Headers that carry URLs into the API (RFC 9110 §10.2.2, §8.7; RFC 8288): their base is rewritten (facts §2). */
const urlHeaders = new Set(['location', 'content-location', 'link']);

/**
 * One side's headers, as compared: the profile's gateway-only and transport headers dropped, the
 * values that differ by construction canonicalized, then the per-string rules (tokens, base URL in
 * URL headers, aliases). A user `compare` or `must-exist` rule on a header keeps it as recorded
 * (only the per-string rules apply). Names are lower-cased (they are case-insensitive).
 */
export function normalizeHeaders(raw: Record<string, unknown>, side: SideRules, sink: NoteSink): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [recordedName, value] of Object.entries(raw)) {
    const name = recordedName.toLowerCase();
    const at = `header:${name}`;
    const userRule = side.headerRules.get(name);
    const asRecorded = userRule === 'compare' || userRule === 'must-exist';
    const drop = asRecorded ? undefined : headerDropFor(side.profile, name);
    if (drop) {
      addNote(sink, drop.rule, drop.fact, at, `dropped ${brief(value)}`);
      continue;
    }
    let current = value;
    const canonicalizer = asRecorded ? undefined : headerCanonicalizerFor(side.profile, name);
    if (canonicalizer && typeof current === 'string') {
      const canonical = canonicalizer.canonicalize(current);
      if (canonical !== current) addNote(sink, canonicalizer.rule, canonicalizer.fact, at, `${brief(current)} → ${brief(canonical)}`);
      current = canonical;
    }
    out[name] = normalizeValue(current, [], { side, sink, at: () => at, rewriteBase: urlHeaders.has(name) });
  }
  return out;
}
