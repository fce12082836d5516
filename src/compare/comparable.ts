import type { ParsedFault } from '../profiles/types';

/**
 * One side of a step's response in a form the diff passes understand. The same shape holds the
 * raw form (as recorded, only decoded: JWTs opened, XML canonicalized) and the normalized form
 * (profile and user rules applied), so "which raw differences did normalization erase" is a
 * comparison of two diffs of one shape.
 */
export type ComparableBody =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  /** Canonical XML tree (`canonicalizeXml`): local names, namespaces as `@xmlns`, attributes as `@name`. */
  | { kind: 'xml'; value: unknown }
  | { kind: 'text'; value: string }
  /** Binary bodies, and bodies cut while they were read (or replayed from a cut record): compared by size and sha256 only. */
  | { kind: 'digest'; value: { bytes: number; sha256: string; truncated?: true } }
  /** A gateway fault (per the side's profile), reduced to what is compared: `{code, message}`. */
  | { kind: 'fault'; value: { code: number; message: string } };

export interface ComparableResponse {
  status: number;
  /** Lower-cased names; values are strings, or decoded JWT views. */
  headers: Record<string, unknown>;
  body: ComparableBody;
  /** Set in the normalized form when the profile read the response as a gateway fault. */
  fault?: ParsedFault;
}

/** The value a person sees for a whole body in a difference. */
export function bodyDisplay(body: ComparableBody): unknown {
  return body.kind === 'empty' ? undefined : body.value;
}
