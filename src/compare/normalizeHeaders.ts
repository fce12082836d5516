import { StringTable } from '../shared/intern';
import type { PathKey } from '../model/jsonPath';
import { headerCanonicalizerFor, headerDropFor } from '../profiles/profileRules';
import type { HeaderDrop, Profile } from '../profiles/types';
import { normalizeString, normalizeValue, type ValueContext } from './normalizeValue';
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
  // One context per side of the URL-header question, naming the current header: paths are built
  // only when a note needs one.
  let current = '';
  const at = (): string => notePaths.derived(current, headerPath);
  const plain: ValueContext = { side, sink, at, rewriteBase: false };
  const urls: ValueContext = { side, sink, at, rewriteBase: true };
  for (const recordedName in raw) {
    if (!Object.prototype.hasOwnProperty.call(raw, recordedName)) continue;
    const value = raw[recordedName];
    const name = recordedName.toLowerCase();
    current = name;
    const userRule = side.headerRules.get(name);
    const asRecorded = userRule === 'compare' || userRule === 'must-exist';
    const drop = asRecorded ? undefined : dropRuleFor(side.profile, name);
    if (drop) {
      addNote(sink, drop.rule, drop.fact, at(), typeof value === 'string' ? droppedDetails.derived(value, dropped) : dropped(value));
      continue;
    }
    let kept = value;
    const canonicalizer = asRecorded ? undefined : headerCanonicalizerFor(side.profile, name);
    if (canonicalizer && typeof kept === 'string') {
      const canonical = canonicalizer.canonicalize(kept);
      if (canonical !== kept) addNote(sink, canonicalizer.rule, canonicalizer.fact, at(), `${brief(kept)} → ${brief(canonical)}`);
      kept = canonical;
    }
    const context = urlHeaders.has(name) ? urls : plain;
    out[name] = typeof kept === 'string' ? normalizeString(kept, noKeys, context) : normalizeValue(kept, noKeys, context);
  }
  return out;
}

const noKeys: readonly PathKey[] = [];

/**
 * Every step asks the same profile about the same few header names, and every answer ends up in
 * notes that the run keeps: the answers are looked up once, and their strings shared.
 */
const dropsByProfile = new WeakMap<Profile, Map<string, HeaderDrop | null>>();
const notePaths = new StringTable();
const droppedDetails = new StringTable();
const headerPath = (name: string): string => `header:${name}`;
const dropped = (value: unknown): string => `dropped ${brief(value)}`;

function dropRuleFor(profile: Profile, name: string): HeaderDrop | undefined {
  let drops = dropsByProfile.get(profile);
  if (!drops) {
    drops = new Map();
    dropsByProfile.set(profile, drops);
  }
  let drop = drops.get(name);
  if (drop === undefined) {
    drop = headerDropFor(profile, name) ?? null;
    // Bounded like the string tables: header names a gateway invents cannot grow it without end.
    if (drops.size >= 1024) drops.clear();
    drops.set(name, drop);
  }
  return drop ?? undefined;
}
