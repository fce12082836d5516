import type { ProfileName } from '../config/types';
import type { RecordedResponse } from '../model/result';

/**
 * The one shape every gateway-generated fault is mapped to, whatever its envelope (facts §3:
 * "the profiles map both to one canonical fault {status, code (number), message (case-folded)}").
 */
export interface CanonicalFault {
  status: number;
  code: number;
  /** Case-folded and trimmed: `Resource forbidden ` and `resource forbidden` are one message. */
  message: string;
  description?: string;
}

/** A canonical fault plus what the wire said, so every difference the canonical form hides can be named. */
export interface ParsedFault {
  fault: CanonicalFault;
  /** Which envelope it came in, e.g. `API Manager XML (ams:fault)`, `Choreo Connect JSON`. */
  envelope: string;
  /** The code exactly as sent (a number in API Manager JSON, a string in Choreo Connect JSON). */
  rawCode: string | number;
  /** The message exactly as sent (before case folding and trimming). */
  rawMessage: string;
  /** Fields outside the canonical form (`type`, `nextAccessTime`), kept for display and rules. */
  extras: Record<string, string>;
}

/** Recognises one fault envelope; `undefined` means "not this envelope", never "error". */
export interface FaultParser {
  name: string;
  parse(response: RecordedResponse): ParsedFault | undefined;
}

/** A response header only the gateway writes: dropped before comparing (unless a user rule says compare). */
export interface HeaderDrop {
  /** Lower-case header name, or a prefix ending in `*` (`x-ratelimit-*`). */
  name: string;
  /** Rule name; `{name}` is replaced by the actual header name. */
  rule: string;
  /** The fact it rests on, shown as the acceptance reason. */
  fact: string;
  /**
   * The value is a clock reading that changes with every call (`Date`): two values never agree,
   * so only a difference in PRESENCE is a raw difference worth listing. Without this, whether a
   * step lists an accepted `Date` difference would depend on a second boundary.
   */
  perCall?: true;
}

/** A header both sides send whose value differs by construction: rewritten to a comparable form. */
export interface HeaderCanonicalizer {
  /** Lower-case header name. */
  name: string;
  rule: string;
  fact: string;
  canonicalize(value: string): string;
}

/** How the gateway-signed JWT a backend may echo differs by platform (facts §4). */
export interface BackendJwtRules {
  /** Issuer that marks a JWT as the gateway's backend JWT. */
  issuer: string;
  /**
   * Claims only this platform adds, matched by their last path segment, case-insensitively
   * (`http://wso2.org/claims/keytype` and `keytype` alike): dropped on BOTH sides, because the
   * other platform never sends them.
   */
  platformClaims: string[];
  /** Claims both platforms send whose values differ by construction: compared by presence only. */
  constructedClaims: string[];
  fact: string;
}

/**
 * All vendor knowledge about one kind of target, as data plus small functions. The comparison
 * engine never branches on a vendor: it only asks the profile of each side.
 */
export interface Profile {
  name: ProfileName;
  description: string;
  headerDrops: readonly HeaderDrop[];
  headerCanonicalizers: readonly HeaderCanonicalizer[];
  /** Tried in order on error responses; the first that recognises the body wins. */
  faultParsers: readonly FaultParser[];
  backendJwt?: BackendJwtRules;
}

/**
 * A known-equivalent pair of gateway faults: the legacy side answering one way and the candidate
 * another for the same failure. Reported as an accepted difference by `name`, never silently.
 */
export interface FaultEquivalence {
  name: string;
  legacy: FaultSelector;
  candidate: FaultSelector;
  /**
   * `compare`: the facts give the same message on both sides, so a message that still differs
   * after case folding is a regression. `any`: the messages differ by design (or are unknown),
   * so the pair's acceptance covers them.
   */
  messages: 'compare' | 'any';
  fact: string;
}

export interface FaultSelector {
  status: readonly number[];
  codes: readonly number[];
  /** Case-folded message the fault must carry, when the code alone is ambiguous (`404`). */
  message?: string;
}
