/**
 * API Cloud subscription tiers (gateway facts §5: API Manager defaults, Bronze confirmed in the
 * API Cloud docs; docs/gateway-differences.md#throttling-tiers), requests per minute;
 * `null` = unlimited. Keys are lower-case.
 */
export const apiCloudTiers: Readonly<Record<string, number | null>> = {
  gold: 5000,
  silver: 2000,
  bronze: 1000,
  unlimited: null,
};

/** Choreo's API-level policies at migration time (gateway facts §5), requests per minute. */
export const choreoPolicies: Readonly<Record<string, number | null>> = {
  '10kpermin': 10_000,
  '20kpermin': 20_000,
  '50kpermin': 50_000,
  unlimited: null,
};
