import { formatJsonPath, type PathKey } from '../model/jsonPath';
import type { NoiseExcuse, NoiseVariation } from '../model/result';
import type { ComparableResponse } from './comparable';
import { jsonTypeOf } from './diff/jsonTypeOf';
import { diffResponses, type DiffPassOptions } from './diffResponses';
import { faultFieldFindings } from './faultCompare';
import type { Finding } from './findings';

/**
 * The noise baseline of ONE step: what the legacy did to itself between its first call and each
 * repeat of the same request — per place, and per KIND of variation. Never statistical, never
 * borrowed from another case.
 *
 * A candidate difference is excused only by a variation of the same kind at the same place
 * (Diffy's statistical filter loses real regressions by excusing any difference at a noisy path):
 * - a value changed with the same JSON type ← the legacy changed the value (or the type) there;
 * - a changed JSON type ← the legacy changed the type there;
 * - a field missing or added ← the legacy itself had it once and lacked it once, or the object's
 *   keys vary (a map keyed by ids: keys missing AND added under it);
 * - an array element missing or added ← the legacy's array changed length;
 * - a reordered array ← the legacy reordered it.
 *
 * Array indexes are wildcards (`$.items[*].price`): elements of one array are the same kind of
 * thing, so a value the legacy varies in one element varies in the others.
 */
export interface NoiseBaseline {
  /** Wildcarded place (`status`, `header:<name>`, `$.items[*].price`) → what varied there, with the first example. */
  readonly places: ReadonlyMap<string, ReadonlyMap<NoiseVariation, NoiseExcuse>>;
}

export const noNoise: NoiseBaseline = { places: new Map() };

/** The differences between the legacy's first call and one repeat (both normalized, through the user's rules). */
export function noiseFindings(first: ComparableResponse, repeat: ComparableResponse, options: Omit<DiffPassOptions, 'statusAndBody'>): Finding[] {
  const eitherFault = first.fault !== undefined || repeat.fault !== undefined;
  const pass = diffResponses(first, repeat, { body: options.body, headerEqual: options.headerEqual, statusAndBody: !eitherFault });
  return eitherFault ? [...pass.findings, ...faultFieldFindings(first, repeat)] : pass.findings;
}

/** The baseline from the findings of every repeat (first call vs repeat 1, first call vs repeat 2, …). */
export function buildNoiseBaseline(perRepeat: ReadonlyArray<readonly Finding[]>): NoiseBaseline {
  const places = new Map<string, Map<NoiseVariation, NoiseExcuse>>();
  const add = (place: string, variation: NoiseVariation, finding: Finding): void => {
    let kinds = places.get(place);
    if (!kinds) places.set(place, (kinds = new Map()));
    if (kinds.has(variation)) return;
    const excuse: NoiseExcuse = { variation, path: place };
    if (finding.legacy !== undefined) excuse.first = finding.legacy;
    if (finding.candidate !== undefined) excuse.repeat = finding.candidate;
    kinds.set(variation, excuse);
  };
  for (const findings of perRepeat) {
    // Under one parent object, a key that vanished AND another that appeared: the keys themselves vary.
    const vanished = new Map<string, Finding>();
    const appeared = new Map<string, Finding>();
    for (const finding of findings) {
      const variation = variationOf(finding);
      const place = placeOf(finding);
      add(place, variation, finding);
      if (variation === 'presence' && finding.keys && typeof finding.keys[finding.keys.length - 1] === 'string') {
        const parent = wildcardPath(finding.keys.slice(0, -1));
        (finding.kind === 'missing' ? vanished : appeared).set(parent, finding);
      }
    }
    for (const [parent, finding] of vanished) if (appeared.has(parent)) add(parent, 'keys', finding);
  }
  return { places };
}

/**
 * The legacy variation that excuses this candidate difference, if one of the same kind exists at
 * its place; else undefined (and `variationsAt` says what the legacy did vary there, for the reason).
 */
export function noiseExcuseFor(finding: Finding, baseline: NoiseBaseline): NoiseExcuse | undefined {
  const here = baseline.places.get(placeOf(finding));
  const needed = variationOf(finding);
  switch (needed) {
    case 'value':
      return here?.get('value') ?? here?.get('type');
    case 'type':
    case 'order':
      return here?.get(needed);
    case 'presence': {
      const parent = finding.keys && finding.keys.length > 0 ? baseline.places.get(wildcardPath(finding.keys.slice(0, -1))) : undefined;
      return here?.get('presence') ?? parent?.get('keys');
    }
    case 'length': {
      const parent = baseline.places.get(wildcardPath((finding.keys ?? []).slice(0, -1)));
      return parent?.get('length');
    }
    default:
      return undefined;
  }
}

/** What the legacy varied at this difference's place (any kind): for the reason of a difference noise did NOT excuse. */
export function variationsAt(finding: Finding, baseline: NoiseBaseline): NoiseExcuse[] {
  return [...(baseline.places.get(placeOf(finding))?.values() ?? [])];
}

/** The kind of variation a difference is: the candidate's, or the legacy's own between two calls. */
export function variationOf(finding: Finding): NoiseVariation {
  if (finding.collective?.kind === 'reordered') return 'order';
  if (finding.collective?.kind === 'map-keys') return 'keys';
  switch (finding.kind) {
    case 'type':
      return 'type';
    case 'missing':
    case 'extra':
      return finding.keys !== undefined && typeof finding.keys[finding.keys.length - 1] === 'number' ? 'length' : 'presence';
    default:
      // A `changed` whose two values differ in JSON type (an equality hook said no) is a type change.
      return 'legacy' in finding && 'candidate' in finding && jsonTypeOf(finding.legacy) !== jsonTypeOf(finding.candidate) ? 'type' : 'value';
  }
}

/**
 * Where a variation is recorded: headers and status by name; body paths with array indexes as
 * wildcards. An array element missing or added is a variation of its ARRAY (its length).
 */
function placeOf(finding: Finding): string {
  if (finding.area === 'status' || finding.area === 'header' || finding.keys === undefined) return finding.path;
  const keys = variationOf(finding) === 'length' ? finding.keys.slice(0, -1) : finding.keys;
  return wildcardPath(keys);
}

export function wildcardPath(keys: readonly PathKey[]): string {
  return formatJsonPath(keys).replace(/\[\d+\]/g, '[*]');
}

/** One phrase per variation, for reasons: "the legacy changed the value at $.price itself". */
export const variationWords: Record<NoiseVariation, string> = {
  value: 'changed the value',
  type: 'changed the JSON type',
  presence: 'sent it on one call and not on another',
  length: 'changed the array length',
  keys: 'varied the object keys',
  order: 'reordered the elements',
};
