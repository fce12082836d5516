import type { DeepPartial, SandboxFault, SandboxOptions } from '../sandbox/types';
import { ConfigError } from '../errors';

type Env = Record<string, string | undefined>;

/** CLI flags that shape the sandbox; each also has a `PARITY_SANDBOX_*` variable. */
export interface SandboxFlags {
  drift?: boolean;
}

const faults: readonly SandboxFault[] = [
  'reset-mid-body', 'stall', 'slow-drip', 'invalid-json', 'huge-body', 'gzip-bomb', 'wrong-content-length', 'storm-500', 'storm-429',
];

/**
 * Reads the sandbox's misbehaviour switches from the environment, so a Jest run (which has no
 * flags of its own) can be pointed at a drifting or faulty candidate:
 *   PARITY_SANDBOX_DRIFT=1                 real regressions on the candidate (drift mode)
 *   PARITY_SANDBOX_CANDIDATE_DELAY_MS=200  added candidate latency
 *   PARITY_SANDBOX_CANDIDATE_SCOPES=a,b    scopes the candidate grants at most (`none` for no scope)
 *   PARITY_SANDBOX_UNKNOWN_KEY=1           candidate signs tokens with a key not in its JWKS
 *   PARITY_SANDBOX_VIOLATE_SCHEMA=1        candidate's menu breaks the OpenAPI schema
 *   PARITY_SANDBOX_CHANGE_FIELD=customerName=Mallory  candidate changes one field's value
 *   PARITY_SANDBOX_TOKEN_LIFETIME=900      candidate token lifetime (s)
 *   PARITY_SANDBOX_FAULT=<fault>           fault injection on the candidate
 *   PARITY_SANDBOX_QUOTA_LEGACY / _CANDIDATE  per-minute quota per gateway
 */
export function sandboxOptionsFromEnv(env: Env, flags: SandboxFlags = {}): DeepPartial<SandboxOptions> {
  const candidate: Partial<SandboxOptions['candidate']> = {};
  const delay = env.PARITY_SANDBOX_CANDIDATE_DELAY_MS;
  if (delay) candidate.delayMs = positiveNumber('PARITY_SANDBOX_CANDIDATE_DELAY_MS', delay);
  const scopes = env.PARITY_SANDBOX_CANDIDATE_SCOPES;
  // `none` rather than an empty value: under the precedence rule an empty value never overrides.
  if (scopes !== undefined) candidate.grantedScopes = scopes.trim().toLowerCase() === 'none' ? [] : scopes.split(/[\s,]+/).filter(Boolean);
  if (truthy(env.PARITY_SANDBOX_UNKNOWN_KEY)) candidate.signWithUnknownKey = true;
  if (truthy(env.PARITY_SANDBOX_VIOLATE_SCHEMA)) candidate.violateSchema = true;
  const lifetime = env.PARITY_SANDBOX_TOKEN_LIFETIME;
  if (lifetime) candidate.tokenLifetimeSec = positiveNumber('PARITY_SANDBOX_TOKEN_LIFETIME', lifetime);
  const change = env.PARITY_SANDBOX_CHANGE_FIELD;
  if (change) {
    const [field, ...rest] = change.split('=');
    if (!field || rest.length === 0) throw new ConfigError(`PARITY_SANDBOX_CHANGE_FIELD must look like field=value, got "${change}"`);
    candidate.changeField = { field, value: rest.join('=') };
  }
  const options: DeepPartial<SandboxOptions> = { candidate };
  const drift = flags.drift ?? truthy(env.PARITY_SANDBOX_DRIFT);
  if (drift) options.drift = true;
  const fault = env.PARITY_SANDBOX_FAULT;
  if (fault) {
    if (!faults.includes(fault as SandboxFault)) {
      throw new ConfigError(`PARITY_SANDBOX_FAULT="${fault}" is not a sandbox fault`, { hint: `use one of: ${faults.join(', ')}` });
    }
    options.fault = fault as SandboxFault;
  }
  const quotaLegacy = env.PARITY_SANDBOX_QUOTA_LEGACY;
  const quotaCandidate = env.PARITY_SANDBOX_QUOTA_CANDIDATE;
  if (quotaLegacy || quotaCandidate) {
    options.quota = {
      legacy: quotaLegacy ? positiveNumber('PARITY_SANDBOX_QUOTA_LEGACY', quotaLegacy) : null,
      candidate: quotaCandidate ? positiveNumber('PARITY_SANDBOX_QUOTA_CANDIDATE', quotaCandidate) : null,
    };
  }
  return options;
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

function positiveNumber(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new ConfigError(`${name}="${value}" is not a non-negative number`);
  return parsed;
}
