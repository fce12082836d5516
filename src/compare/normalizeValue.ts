import type { PathKey } from '../model/jsonPath';
import { aliasFact, aliasPlaceholder, aliasRule, replaceAliases } from './aliases';
import { baseFact, baseRule } from './baseUrl';
import { maxRecursiveDepth } from './diff/maxRecursiveDepth';
import { isJwtView, jwtKey, type JwtParts, type JwtView } from './jwtView';
import { backendClaimsRule, claimLocalName, signatureFact, signatureRule, volatileClaimsFact, volatileClaimsRule } from './jwtRules';
import { addNote, brief, type NoteSink, type PathFormat, type SideRules } from './sideRules';
import { maskTokenMarkers, tokenFact, tokenRule } from './tokenMarkers';
import { mapArrayCopyOnWrite, mapRecordCopyOnWrite } from './copyOnWrite';

export interface ValueContext {
  side: SideRules;
  sink: NoteSink;
  /** Formats a path inside the value (a JSON path for bodies, `header:<name>` for a header). */
  at: PathFormat;
  /** Whether base URLs are rewritten here (every body string; only some headers). */
  rewriteBase: boolean;
}

/**
 * Applies the per-string rules to every string of a JSON value (keys are left alone), and the
 * JWT rules to every opened JWT. The input is never changed: a node that changes is a new node,
 * and a subtree nothing changed in is returned as it was (shared, not copied) — most of a body is
 * untouched by normalization. Each change is written as a note at its own path, so an erased raw
 * difference can name the rule that erased it; paths are formatted only for a note.
 */
export function normalizeValue(value: unknown, keys: readonly PathKey[], context: ValueContext): unknown {
  // The walk pushes and pops keys on one array; the caller's array is left alone.
  return walk(value, [...keys], context);
}

function walk(value: unknown, keys: PathKey[], context: ValueContext): unknown {
  if (typeof value === 'string') return normalizeString(value, keys, context);
  if (typeof value !== 'object' || value === null) return value;
  // Deeper than the diff engine recurses: kept as is (the engine compares it as a whole).
  if (keys.length >= maxRecursiveDepth) return value;
  const child = (item: unknown, key: PathKey): unknown => {
    keys.push(key);
    const next = walk(item, keys, context);
    keys.pop();
    return next;
  };
  if (Array.isArray(value)) return mapArrayCopyOnWrite(value, child);
  if (isJwtView(value)) return normalizeJwt(value, keys, context);
  const mapped = mapRecordCopyOnWrite(value as Record<string, unknown>, child);
  return context.side.aliasKeys.size === 0 && context.side.aliases.length === 0 ? mapped : aliasObjectKeys(mapped, keys, context);
}

/**
 * Object keys that are (or, for long values, contain) this side's alias value — a map keyed by
 * the ids each backend created — become `{{alias:<name>}}`, so the two maps line up key by key.
 */
function aliasObjectKeys(record: Record<string, unknown>, keys: PathKey[], context: ValueContext): Record<string, unknown> {
  let renamed: Array<{ from: string; to: string; names: string[] }> | undefined;
  for (const key of Object.keys(record)) {
    const whole = context.side.aliasKeys.get(key);
    const next = whole !== undefined ? { text: aliasPlaceholder(whole), names: [whole] } : replaceAliases(key, context.side.aliases);
    if (next.text !== key && !Object.prototype.hasOwnProperty.call(record, next.text)) (renamed ??= []).push({ from: key, to: next.text, names: next.names });
  }
  if (!renamed) return record;
  const targets = new Map(renamed.map((entry) => [entry.from, entry.to]));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) out[targets.get(key) ?? key] = item;
  for (const { from, to, names } of renamed) {
    for (const name of names) addNote(context.sink, aliasRule(name), aliasFact(name), context.at([...keys, from]), `key ${brief(from)} → ${brief(to)}`);
  }
  return out;
}

/** Token markers → `«label»`, this side's base → `{{base}}`, this side's alias values → `{{alias:<name>}}`. */
export function normalizeString(value: string, keys: readonly PathKey[], context: ValueContext): string {
  const { side, sink } = context;
  let path: string | undefined;
  let out = maskTokenMarkers(value, side.target);
  if (out !== value) addNote(sink, tokenRule, tokenFact, (path ??= context.at(keys)), `${brief(value)} → ${brief(out)}`);
  if (context.rewriteBase) {
    const rewritten = side.base.rewrite(out);
    if (rewritten !== out) addNote(sink, baseRule, baseFact, (path ??= context.at(keys)), `${side.base.baseUrl} → {{base}}`);
    out = rewritten;
  }
  if (side.aliases.length === 0) return out;
  const aliased = replaceAliases(out, side.aliases);
  for (const name of aliased.names) addNote(sink, aliasRule(name), aliasFact(name), (path ??= context.at(keys)), `${side.target} value of "${name}" → {{alias:${name}}}`);
  return aliased.text;
}

/**
 * An opened JWT keeps only `alg` of its header and loses its signature (each platform signs with
 * its own key), loses the per-issue claims, and — when it is the gateway's backend JWT — the
 * claims one platform adds (dropped) or builds differently (presence only). Facts: see jwtRules.
 */
function normalizeJwt(view: JwtView, keys: readonly PathKey[], context: ValueContext): JwtView {
  const { header, claims, signature } = view[jwtKey];
  const here = [...keys, jwtKey];
  const backend = context.side.jwt.backend;
  const facts: Record<string, string> = { [signatureRule]: signatureFact, [volatileClaimsRule]: volatileClaimsFact, [backendClaimsRule]: backend?.fact ?? '' };
  const note = (rule: string, rest: PathKey[], detail: string) => addNote(context.sink, rule, facts[rule]!, context.at([...here, ...rest]), detail);
  const dropped = Object.keys(header).filter((name) => name !== 'alg');
  if (dropped.length > 0) note(signatureRule, ['header'], `header fields other than alg not compared: ${dropped.join(', ')}`);
  if (signature !== undefined) note(signatureRule, ['signature'], 'signature not compared');
  const out: Record<string, unknown> = {};
  const isBackendJwt = backend !== undefined && typeof claims.iss === 'string' && backend.issuers.has(claims.iss);
  for (const [claim, value] of Object.entries(claims)) {
    const local = claimLocalName(claim);
    if (context.side.jwt.volatileClaims.includes(claim)) {
      note(volatileClaimsRule, ['claims', claim], `${claim} not compared (${brief(value)})`);
    } else if (isBackendJwt && backend.platformClaims.has(local)) {
      note(backendClaimsRule, ['claims', claim], `platform-specific claim dropped (${brief(value)})`);
    } else if (isBackendJwt && backend.constructedClaims.has(local)) {
      note(backendClaimsRule, ['claims', claim], `compared by presence only (${brief(value)})`);
      out[claim] = '«present»';
    } else {
      out[claim] = normalizeValue(value, [...here, 'claims', claim], context);
    }
  }
  const parts: JwtParts = { header: 'alg' in header ? { alg: header.alg } : {}, claims: out };
  return { [jwtKey]: parts };
}
