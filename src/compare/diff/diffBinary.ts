import { createHash } from 'node:crypto';
import type { DiffResult } from '../types';

/** A binary body: its bytes, or what a recording keeps of it (size and sha256 hex). */
export type BinaryBody = Uint8Array | { bytes: number; sha256: string };

interface BinaryDigest {
  bytes: number;
  sha256: string;
}

/**
 * Binary bodies are equal when their length and sha256 agree; otherwise one `changed` difference
 * at `$` whose values are `{ bytes, sha256 }` — bytes are never put into a report.
 */
export function diffBinary(legacy: BinaryBody, candidate: BinaryBody): DiffResult {
  const ours = digest(legacy);
  const theirs = digest(candidate);
  if (ours.bytes === theirs.bytes && ours.sha256 === theirs.sha256) return { diffs: [], omitted: 0 };
  return { diffs: [{ path: [], kind: 'changed', legacy: ours, candidate: theirs }], omitted: 0 };
}

function digest(body: BinaryBody): BinaryDigest {
  if (body instanceof Uint8Array) return { bytes: body.byteLength, sha256: createHash('sha256').update(body).digest('hex') };
  // Recordings may spell hex in either case.
  return { bytes: body.bytes, sha256: body.sha256.toLowerCase() };
}
