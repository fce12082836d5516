import type { SandboxOptions } from './types';

/** A well-behaved sandbox: no drift, no quotas, no faults, vendor-default token lifetimes. */
export const defaultSandboxOptions = {
  drift: false,
  quota: { legacy: null, candidate: null },
  // API Cloud issues 3600 s tokens by default (facts §1).
  legacy: { tokenLifetimeSec: 3600 },
  candidate: {
    signWithUnknownKey: false,
    delayMs: 0,
    violateSchema: false,
    // Choreo's STS issues 900 s tokens by default (facts §1).
    tokenLifetimeSec: 900,
  },
} satisfies SandboxOptions;
