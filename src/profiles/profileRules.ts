import type { RecordedResponse } from '../model/result';
import type { HeaderCanonicalizer, HeaderDrop, ParsedFault, Profile } from './types';

/**
 * The questions the comparison engine asks a profile. Header names arrive lower-cased (recorded
 * that way) but are folded again here, because header names are case-insensitive (RFC 9110 §5.1).
 */

/** The profile's drop rule for this header, with `{name}` in its rule name filled in. */
export function headerDropFor(profile: Profile, name: string): HeaderDrop | undefined {
  const lower = name.toLowerCase();
  const drop = profile.headerDrops.find((rule) => (rule.name.endsWith('*') ? lower.startsWith(rule.name.slice(0, -1)) : lower === rule.name));
  return drop && { ...drop, rule: drop.rule.replace('{name}', lower) };
}

export function headerCanonicalizerFor(profile: Profile, name: string): HeaderCanonicalizer | undefined {
  const lower = name.toLowerCase();
  return profile.headerCanonicalizers.find((rule) => rule.name === lower);
}

/** The gateway fault this response carries, by the first of the profile's envelopes that recognises it. */
export function parseGatewayFault(profile: Profile, response: RecordedResponse): ParsedFault | undefined {
  for (const parser of profile.faultParsers) {
    const parsed = parser.parse(response);
    if (parsed) return parsed;
  }
  return undefined;
}
