import type { EnvConfig } from '../config/types';
import type { ThrottlingAdvice } from '../model/result';
import { apiCloudTiers, choreoPolicies } from '../profiles/throttlingTiers';

/** The tier tables are vendor knowledge, kept with the profiles. */
export const legacyTiers = apiCloudTiers;
export const candidatePolicies = choreoPolicies;

/**
 * For each API that declares both sides, says whether the candidate policy admits the legacy
 * quota. Legacy tiers are per subscription (each application gets the quota); Choreo's fixed
 * policies at migration time were API-level only, with application-level and custom policies
 * "upcoming" (facts §5) — so those are flagged, never silently mapped.
 */
export function adviseThrottling(config: EnvConfig): ThrottlingAdvice[] {
  const advice: ThrottlingAdvice[] = [];
  for (const [api, settings] of Object.entries(config.apis).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!settings.legacyTier && !settings.candidatePolicy) continue;
    const legacy = parseLegacy(settings.legacyTier ?? 'Unlimited');
    const candidate = parseCandidate(settings.candidatePolicy ?? 'Unlimited');
    const notes = [...legacy.notes, ...candidate.notes];
    const admits = candidate.perMinute === null || (legacy.perMinute !== null && candidate.perMinute >= legacy.perMinute);
    if (!admits) {
      notes.push(
        legacy.perMinute === null
          ? `the legacy tier is unlimited but ${candidate.label} caps the API at ${candidate.perMinute}/min`
          : `${candidate.label} (${candidate.perMinute}/min) is below the legacy quota (${legacy.perMinute}/min)`,
      );
    }
    if (legacy.perMinute !== null && candidate.perMinute !== null) {
      notes.push(
        `the legacy quota applies per subscribing application; ${candidate.label} is one API-wide limit shared by all of them — ${Math.floor(candidate.perMinute / legacy.perMinute)} application(s) at full legacy quota fit under it`,
      );
    }
    advice.push({
      api,
      legacyTier: legacy.label,
      legacyPerMinute: legacy.perMinute,
      candidatePolicy: candidate.label,
      candidatePerMinute: candidate.perMinute,
      admits,
      notes,
    });
  }
  return advice;
}

interface Parsed {
  label: string;
  perMinute: number | null;
  notes: string[];
}

function parseLegacy(value: string): Parsed {
  const trimmed = value.trim();
  const known = legacyTiers[trimmed.toLowerCase()];
  if (known !== undefined) return { label: trimmed, perMinute: known, notes: [] };
  const custom = /^(app|application|custom):\s*(\d+)$/i.exec(trimmed);
  if (custom) {
    return {
      label: trimmed,
      perMinute: Number(custom[2]),
      notes: [`legacy uses an ${custom[1]!.toLowerCase().startsWith('app') ? 'application-level' : 'custom'} policy: Choreo offered neither at migration time (only fixed API-level policies)`],
    };
  }
  if (/^\d+$/.test(trimmed)) return { label: `${trimmed}/min`, perMinute: Number(trimmed), notes: [] };
  return { label: trimmed, perMinute: null, notes: [`unknown legacy tier "${trimmed}": use Gold, Silver, Bronze, Unlimited, a number per minute, or app:<n> / custom:<n>`] };
}

function parseCandidate(value: string): Parsed {
  const trimmed = value.trim();
  const known = candidatePolicies[trimmed.toLowerCase()];
  if (known !== undefined) return { label: trimmed, perMinute: known, notes: [] };
  if (/^\d+$/.test(trimmed)) {
    return { label: `${trimmed}/min`, perMinute: Number(trimmed), notes: ['a numeric candidate policy is a custom policy: check that your Choreo plan offers it'] };
  }
  return { label: trimmed, perMinute: null, notes: [`unknown candidate policy "${trimmed}": use 10KPerMin, 20KPerMin, 50KPerMin, Unlimited or a number per minute`] };
}
