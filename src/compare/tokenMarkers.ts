import { documented } from '../profiles/gatewayDoc';
import type { TargetName } from '../model/result';

/**
 * Recording replaced each secret by `«redacted:<target>.<label>»` (or `«redacted:<label>»` for
 * secrets found by position). The two targets' tokens are different secrets by construction
 * (facts §1: opaque UUID/hex on API Cloud, a JWT on Choreo), so each side's own markers become
 * one target-free marker `«<label>»`. A marker naming the OTHER target is left alone: a candidate
 * echoing the legacy's token is a difference worth seeing.
 */
const markerPattern = /«redacted:(?:(legacy|candidate)\.)?([^»]+)»/g;

export const tokenRule = 'token.masked';
export const tokenFact =
  documented('token-masked', 'each target issues its own token (opaque on API Cloud, a JWT on Choreo); recording replaced both by markers, compared by label only');

export function maskTokenMarkers(text: string, target: TargetName): string {
  if (!text.includes('«redacted:')) return text;
  return text.replace(markerPattern, (all, owner: string | undefined, label: string) => (owner === undefined || owner === target ? `«${label}»` : all));
}
