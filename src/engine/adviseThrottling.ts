import type { EnvConfig } from '../config/types';
import type { TargetName, ThrottlingAdvice } from '../model/result';
import { apiCloudTiers, choreoPolicies } from '../profiles/throttlingTiers';

/** The tier tables are vendor knowledge, kept with the profiles. */
const legacyTiers = apiCloudTiers;
const candidatePolicies = choreoPolicies;

/** Minutes per window unit of a written rate (`10K/min`, `100 per second`, `1M/day`). */
const minutesPer: Readonly<Record<string, number>> = {
  s: 1 / 60, sec: 1 / 60, second: 1 / 60, m: 1, min: 1, minute: 1, h: 60, hr: 60, hour: 60, d: 1440, day: 1440,
};

/** Multipliers of a rate's count (`10K` = 10,000). */
const countSuffix: Readonly<Record<string, number>> = { '': 1, k: 1000, m: 1_000_000 };

/**
 * A rate written the way people write Choreo's policies and plans: `10K/min`, `10KPerMin`,
 * `10k per minute`, `600/sec`, `1M/day` (later Choreo plans have per-minute/hour/day windows,
 * facts §5). Requests per minute, or undefined when the text is not a rate.
 */
export function parseRate(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([km]?)\s*(?:\/|per|\s)\s*([a-z]+?)s?$/i.exec(text.trim().replace(/_/g, ' '));
  if (!match) return undefined;
  const unit = minutesPer[match[3]!.toLowerCase()];
  const multiplier = countSuffix[match[2]!.toLowerCase()];
  if (unit === undefined || multiplier === undefined) return undefined;
  return Math.round((Number(match[1]) * multiplier) / unit);
}

/**
 * For each API that declares both sides, says whether the candidate policy admits the legacy
 * quota. Legacy tiers are per subscription (each application gets the quota); Choreo's fixed
 * policies at migration time were API-level only, with application-level and custom policies
 * "upcoming" (facts §5) — so those are flagged, never silently mapped. A name that cannot be read
 * is an unknown limit, never "unlimited".
 */
export function adviseThrottling(config: Pick<EnvConfig, 'apis'>): ThrottlingAdvice[] {
  const advice: ThrottlingAdvice[] = [];
  for (const [api, settings] of Object.entries(config.apis).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!settings.legacyTier && !settings.candidatePolicy) continue;
    const legacy = parseLegacy(settings.legacyTier ?? 'Unlimited');
    const candidate = parseCandidate(settings.candidatePolicy ?? 'Unlimited');
    const notes = [...legacy.notes, ...candidate.notes];
    const unreadable = (['legacy', 'candidate'] as const).filter((side) => (side === 'legacy' ? legacy : candidate).unknown);
    const known = unreadable.length === 0;
    const admits = known && (candidate.perMinute === null || (legacy.perMinute !== null && candidate.perMinute >= legacy.perMinute));
    if (known && !admits) {
      notes.push(
        legacy.perMinute === null
          ? `the legacy tier is unlimited but ${candidate.label} caps the API at ${candidate.perMinute}/min`
          : `${candidate.label} (${candidate.perMinute}/min) is below the legacy quota (${legacy.perMinute}/min)`,
      );
    }
    if (known && legacy.perMinute !== null && candidate.perMinute !== null) {
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
      unreadable: known ? undefined : ([...unreadable] as TargetName[]),
    });
  }
  return advice;
}

interface Parsed {
  label: string;
  /** Requests per minute; `null` = unlimited (only ever for a name that says so). */
  perMinute: number | null;
  notes: string[];
  unknown?: true;
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
  const rate = parseRate(trimmed);
  if (rate !== undefined) return { label: trimmed, perMinute: rate, notes: [] };
  return {
    label: trimmed,
    perMinute: null,
    unknown: true,
    notes: [`unknown legacy tier "${trimmed}": its limit is unknown, so the advice cannot say whether Choreo admits it. Use Gold, Silver, Bronze, Unlimited, a rate (5000/min) or app:<n> / custom:<n>`],
  };
}

function parseCandidate(value: string): Parsed {
  const trimmed = value.trim();
  const known = candidatePolicies[trimmed.toLowerCase()];
  if (known !== undefined) return { label: trimmed, perMinute: known, notes: [] };
  if (/^\d+$/.test(trimmed)) {
    return { label: `${trimmed}/min`, perMinute: Number(trimmed), notes: ['a numeric candidate policy is a custom policy: check that your Choreo plan offers it'] };
  }
  const rate = parseRate(trimmed);
  if (rate !== undefined) {
    const fixed = Object.entries(candidatePolicies).find(([, perMinute]) => perMinute === rate);
    // `10K/min` is the fixed policy 10KPerMin written another way; any other rate is a custom one.
    return fixed ? { label: trimmed, perMinute: rate, notes: [] } : { label: trimmed, perMinute: rate, notes: [`${trimmed} is not one of Choreo's fixed policies (10KPerMin, 20KPerMin, 50KPerMin): check that your Choreo plan offers it`] };
  }
  return {
    label: trimmed,
    perMinute: null,
    unknown: true,
    notes: [`unknown candidate policy "${trimmed}": its limit is unknown, so the advice cannot say whether it admits the legacy traffic. Use 10KPerMin, 20KPerMin, 50KPerMin, Unlimited or a rate (10K/min)`],
  };
}
