import { formatJsonPath } from '../model/jsonPath';
import { bodyDisplay, type ComparableBody, type ComparableResponse } from './comparable';
import { diffBinary } from './diff/diffBinary';
import { diffJson } from './diff/diffJson';
import { diffText } from './diff/diffText';
import { jsonDeepEqual } from './diff/jsonDeepEqual';
import type { Finding } from './findings';
import type { DiffOptions, DiffResult, RawDiff } from './types';

export interface DiffPassOptions {
  /** Hooks for the JSON / XML-tree body diff (array pairing, user rules, alias pairs); text honours `maxDiffs` only. */
  body?: DiffOptions;
  /** A custom equality for two header values (alias pairs); undefined = default. */
  headerEqual?: (name: string, legacy: unknown, candidate: unknown) => boolean | undefined;
  /** False when the fault comparison owns status and body (either side is a gateway fault). */
  statusAndBody: boolean;
}

export interface DiffPass {
  findings: Finding[];
  /** Body differences found beyond the diff engine's limit. */
  omitted: number;
}

/** One diff pass over two responses of the same form (both raw, or both normalized). */
export function diffResponses(legacy: ComparableResponse, candidate: ComparableResponse, options: DiffPassOptions): DiffPass {
  const findings: Finding[] = [];
  if (options.statusAndBody && legacy.status !== candidate.status) {
    findings.push({ area: 'status', path: 'status', kind: 'changed', legacy: legacy.status, candidate: candidate.status });
  }
  findings.push(...diffHeaders(legacy.headers, candidate.headers, options.headerEqual));
  if (!options.statusAndBody) return { findings, omitted: 0 };
  const body = diffBodies(legacy.body, candidate.body, options.body);
  findings.push(...body.findings);
  return { findings, omitted: body.omitted };
}

/** Findings in header-name order; each name (of either side) is looked at once. */
function diffHeaders(legacy: Record<string, unknown>, candidate: Record<string, unknown>, equal: DiffPassOptions['headerEqual']): Finding[] {
  const found: Array<{ name: string; finding: Finding }> = [];
  const compare = (name: string): void => {
    const ours = legacy[name];
    const theirs = candidate[name];
    const path = `header:${name}`;
    if (theirs === undefined) found.push({ name, finding: { area: 'header', path, kind: 'missing', legacy: ours } });
    else if (ours === undefined) found.push({ name, finding: { area: 'header', path, kind: 'extra', candidate: theirs } });
    else if (!jsonDeepEqual(ours, theirs) && equal?.(name, ours, theirs) !== true) found.push({ name, finding: { area: 'header', path, kind: 'changed', legacy: ours, candidate: theirs } });
  };
  for (const name in legacy) if (hasOwn(legacy, name)) compare(name);
  for (const name in candidate) if (hasOwn(candidate, name) && !hasOwn(legacy, name)) compare(name);
  // Names are unique, so ordering the (few) findings by name is ordering by name.
  if (found.length > 1) found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return found.map((entry) => entry.finding);
}

function hasOwn(record: Record<string, unknown>, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, name);
}

/** Longest text kept in a whole-body difference (the report shows ~200 characters anyway). */
const maxTextShown = 4000;

function diffBodies(legacy: ComparableBody, candidate: ComparableBody, options: DiffOptions = {}): DiffPass {
  if (options.skip?.([])) return { findings: [], omitted: 0 };
  if (legacy.kind !== candidate.kind) {
    const kind = legacy.kind === 'empty' ? 'extra' : candidate.kind === 'empty' ? 'missing' : 'type';
    return { findings: [wholeBody(kind, bodyDisplay(legacy), bodyDisplay(candidate))], omitted: 0 };
  }
  const result = diffSameKind(legacy, candidate, options);
  const findings = result.diffs.map(bodyFinding);
  return { findings, omitted: result.omitted };
}

/** A raw body diff as a finding (built field by field: spreading diffs of mixed shapes is a slow, generic copy). */
function bodyFinding(diff: RawDiff): Finding {
  const finding: Finding = { area: 'body', path: formatJsonPath(diff.path), kind: diff.kind, keys: diff.path };
  if ('legacy' in diff) finding.legacy = diff.legacy;
  if ('candidate' in diff) finding.candidate = diff.candidate;
  return finding;
}

/** JSON and canonical XML trees structurally, text by lines (`$.line[3]`), binary by digest. */
function diffSameKind(legacy: ComparableBody, candidate: ComparableBody, options: DiffOptions): DiffResult {
  if ((legacy.kind === 'json' || legacy.kind === 'xml') && legacy.kind === candidate.kind) return diffJson(legacy.value, candidate.value, options);
  if (legacy.kind === 'text' && candidate.kind === 'text') return diffText(legacy.value, candidate.value, options);
  if (legacy.kind === 'digest' && candidate.kind === 'digest') return diffBinary(legacy.value, candidate.value);
  // Empty bodies are equal; fault bodies are compared by the fault comparison.
  return { diffs: [], omitted: 0 };
}

function wholeBody(kind: Finding['kind'], legacy: unknown, candidate: unknown): Finding {
  const finding: Finding = { area: 'body', path: '$', keys: [], kind };
  if (legacy !== undefined) finding.legacy = clip(legacy);
  if (candidate !== undefined) finding.candidate = clip(candidate);
  return finding;
}

function clip(value: unknown): unknown {
  return typeof value === 'string' && value.length > maxTextShown ? `${value.slice(0, maxTextShown)}… (${value.length} characters)` : value;
}
