import { formatJsonPath, isRecord, type PathKey } from '../model/jsonPath';
import type { ComparableBody } from './comparable';
import { jsonDeepEqual } from './diff/jsonDeepEqual';
import type { Finding } from './findings';
import { wildcardPath } from './noise';

/** At most this many single paths are listed in a collective difference. */
const maxPathsListed = 50;

/**
 * Differences that are one change told as many, told as one:
 * - a strictly paired array holding the same elements in another order (N "changed" elements)
 *   → one difference at the array, with the `arrays: any-order` / `by-key` hint;
 * - a key missing and another key added under the same object with an equal value → a rename;
 * - several id-like keys missing and others added under one object → a map whose keys vary.
 * Every single path stays listed in `collective.paths`, and nothing is dropped: the collective
 * difference is disposed of like any other (a reorder the legacy showed itself is noise).
 */
export function collectiveFindings(
  findings: readonly Finding[],
  legacy: ComparableBody,
  candidate: ComparableBody,
  strictAt: (path: readonly PathKey[]) => boolean,
  options: { keys: boolean; noisyPlace?: (place: string) => boolean } = { keys: true },
): Finding[] {
  if (findings.length < 2 || !hasTree(legacy) || !hasTree(candidate)) return [...findings];
  const reordered = collapseReorders(findings, legacy.value, candidate.value, strictAt, options.noisyPlace);
  return options.keys ? groupKeys(reordered) : reordered;
}

function hasTree(body: ComparableBody): body is Extract<ComparableBody, { kind: 'json' | 'xml' }> {
  return body.kind === 'json' || body.kind === 'xml';
}

function collapseReorders(
  findings: readonly Finding[],
  legacy: unknown,
  candidate: unknown,
  strictAt: (path: readonly PathKey[]) => boolean,
  noisyPlace?: (place: string) => boolean,
): Finding[] {
  const verdicts = new Map<string, PathKey[] | null>();
  const arrayFor = (keys: readonly PathKey[]): PathKey[] | undefined => {
    // The outermost array above this finding that is the same elements in another order.
    for (let end = 0; end < keys.length; end += 1) {
      if (typeof keys[end] !== 'number') continue;
      const at = keys.slice(0, end);
      const id = formatJsonPath(at);
      let verdict = verdicts.get(id);
      if (verdict === undefined) {
        verdict = strictAt(at) && isPermutation(valueAt(legacy, at), valueAt(candidate, at), `${wildcardPath(at)}[*]`, noisyPlace) ? at : null;
        verdicts.set(id, verdict);
      }
      if (verdict) return verdict;
    }
    return undefined;
  };
  const out: Finding[] = [];
  const groups = new Map<string, { finding: Finding; paths: string[] }>();
  for (const finding of findings) {
    const at = finding.area === 'body' && finding.keys ? arrayFor(finding.keys) : undefined;
    if (!at) {
      out.push(finding);
      continue;
    }
    const id = formatJsonPath(at);
    const group = groups.get(id);
    if (group) {
      group.paths.push(finding.path);
      continue;
    }
    const array = valueAt(legacy, at) as unknown[];
    const collapsed: Finding = { area: 'body', path: id, keys: at, kind: 'changed', legacy: array, candidate: valueAt(candidate, at) };
    groups.set(id, { finding: collapsed, paths: [finding.path] });
    out.push(collapsed);
  }
  for (const [id, { finding, paths }] of groups) {
    const size = (finding.legacy as unknown[]).length;
    finding.collective = {
      kind: 'reordered',
      count: paths.length,
      paths: paths.slice(0, maxPathsListed),
      hint: `same ${size} elements, another order: if the order does not matter, add \`arrays: { '${id}': any-order }\` (or \`by-key: <id field>\` to pair elements by their id) to the suite`,
    };
  }
  return out;
}

/**
 * Same elements, same count, another order (compared as canonical JSON). Values at places where
 * the legacy varies by itself (a per-call price inside each element) are left out of the
 * comparison, so a reordered list of noisy elements is still recognised as a reorder.
 */
function isPermutation(legacy: unknown, candidate: unknown, elementPlace: string, noisyPlace?: (place: string) => boolean): boolean {
  if (!Array.isArray(legacy) || !Array.isArray(candidate) || legacy.length !== candidate.length || legacy.length < 2) return false;
  if (jsonDeepEqual(legacy, candidate)) return false;
  const key = (item: unknown) => canonical(item, elementPlace, noisyPlace);
  const ours = legacy.map(key);
  const theirs = candidate.map(key);
  // Equal in order once the noisy values are set aside: not a reorder (the noise is told as noise).
  if (ours.every((id, i) => id === theirs[i])) return false;
  const counts = new Map<string, number>();
  for (const id of ours) counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const id of theirs) {
    const left = counts.get(id);
    if (!left) return false;
    counts.set(id, left - 1);
  }
  return true;
}

function canonical(value: unknown, place: string, noisyPlace?: (place: string) => boolean): string {
  if (noisyPlace?.(place)) return '«noise»';
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item, `${place}[*]`, noisyPlace)).join(',')}]`;
  if (isRecord(value)) {
    const members = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key], `${place}${formatJsonPath([key]).slice(1)}`, noisyPlace)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}


function valueAt(root: unknown, keys: readonly PathKey[]): unknown {
  let node = root;
  for (const key of keys) {
    if (typeof key === 'number' ? !Array.isArray(node) : !isRecord(node)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** Renames (missing + extra with an equal value under one object) and varying id-like map keys. */
function groupKeys(findings: Finding[]): Finding[] {
  const byParent = new Map<string, { missing: Finding[]; extra: Finding[] }>();
  for (const finding of findings) {
    if (finding.area !== 'body' || !finding.keys || finding.keys.length === 0) continue;
    if (finding.kind !== 'missing' && finding.kind !== 'extra') continue;
    if (typeof finding.keys[finding.keys.length - 1] !== 'string') continue;
    const parent = formatJsonPath(finding.keys.slice(0, -1));
    const entry = byParent.get(parent) ?? { missing: [], extra: [] };
    (finding.kind === 'missing' ? entry.missing : entry.extra).push(finding);
    byParent.set(parent, entry);
  }
  const replaced = new Map<Finding, Finding | null>();
  for (const [parent, { missing, extra }] of byParent) {
    if (missing.length === 0 || extra.length === 0) continue;
    const free = new Set(extra);
    for (const gone of missing) {
      const twin = [...free].find((added) => jsonDeepEqual(gone.legacy, added.candidate));
      if (!twin) continue;
      free.delete(twin);
      replaced.set(gone, { ...gone, collective: { kind: 'renamed', count: 2, paths: [gone.path, twin.path], hint: `renamed to ${lastKey(twin)} with an equal value: if that is intended, accept ${gone.path} with a reason` } });
      replaced.set(twin, null);
    }
    const gone = missing.filter((finding) => !replaced.has(finding));
    const added = [...free];
    if (gone.length === 0 || added.length === 0 || gone.length + added.length < 3 || ![...gone, ...added].every((finding) => idLike(lastKey(finding)))) continue;
    const keys = gone[0]!.keys!.slice(0, -1);
    const grouped: Finding = {
      area: 'body',
      path: parent,
      keys,
      kind: 'changed',
      legacy: Object.fromEntries(gone.map((finding) => [lastKey(finding), finding.legacy])),
      candidate: Object.fromEntries(added.map((finding) => [lastKey(finding), finding.candidate])),
      collective: {
        kind: 'map-keys',
        count: gone.length + added.length,
        paths: [...gone, ...added].map((finding) => finding.path).slice(0, maxPathsListed),
        hint: 'a map keyed by ids that differ per side: capture the id in an earlier step (it then compares as an alias), or ignore or match the map',
      },
    };
    replaced.set(gone[0]!, grouped);
    for (const finding of [...gone.slice(1), ...added]) replaced.set(finding, null);
  }
  if (replaced.size === 0) return findings;
  return findings.flatMap((finding) => {
    const next = replaced.get(finding);
    return next === undefined ? [finding] : next === null ? [] : [next];
  });
}

function lastKey(finding: Finding): string {
  return String(finding.keys![finding.keys!.length - 1]);
}

/** Keys that look generated: numbers, UUIDs, long hex, or mixed letters and digits. */
function idLike(key: string): boolean {
  return /^\d+$/.test(key) || /^[0-9a-f]{8,}$/i.test(key) || /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(key) || (/\d/.test(key) && /^[A-Za-z0-9_-]{6,}$/.test(key));
}
