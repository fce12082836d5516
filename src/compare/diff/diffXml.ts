import type { DiffOptions, DiffResult } from '../types';
import { canonicalizeXml } from './canonicalizeXml';
import { defaultDiffOptions, diffJson } from './diffJson';

/**
 * Compares two XML bodies structurally: each is canonicalised (`canonicalizeXml`: prefixes,
 * attribute order and insignificant whitespace do not matter) and the trees are compared by
 * `diffJson` with the same options, so paths read `$.fault.code`.
 *
 * Never throws on bad input. A body that is not well-formed XML makes the whole comparison one
 * `changed` difference at `$`, whose value on that side is `{ malformedXml: <what and where>, text }`
 * (the other side's value is its canonical tree, or the same note). Two byte-identical malformed
 * bodies are no difference: the gateways agree.
 */
export function diffXml(legacy: string, candidate: string, options: DiffOptions = {}): DiffResult {
  const ours = canonicalize(legacy);
  const theirs = canonicalize(candidate);
  if (ours.ok && theirs.ok) return diffJson(ours.value, theirs.value, options);
  if (legacy === candidate || options.skip?.([]) === true) return { diffs: [], omitted: 0 };
  if ((options.maxDiffs ?? defaultDiffOptions.maxDiffs) < 1) return { diffs: [], omitted: 1 };
  return { diffs: [{ path: [], kind: 'changed', legacy: ours.value, candidate: theirs.value }], omitted: 0 };
}

function canonicalize(text: string): { ok: boolean; value: unknown } {
  try {
    return { ok: true, value: canonicalizeXml(text) };
  } catch (error) {
    return { ok: false, value: { malformedXml: error instanceof Error ? error.message : String(error), text } };
  }
}
