import { ConfigError } from '../errors';
import { defaultSandboxOptions } from './defaultSandboxOptions';
import type { DeepPartial, SandboxFault, SandboxOptions } from './types';

const faults: readonly SandboxFault[] = [
  'reset-mid-body', 'stall', 'slow-drip', 'invalid-json', 'huge-body', 'gzip-bomb', 'wrong-content-length', 'storm-500', 'storm-429',
];

/**
 * Turns what a caller passed to `startSandbox` into complete, checked options. This is the only
 * place that applies defaults or rejects nonsense; the servers trust what it returns.
 */
export function resolveSandboxOptions(input: DeepPartial<SandboxOptions> = {}): SandboxOptions {
  const d = defaultSandboxOptions;
  const candidate = input.candidate ?? {};
  const options: SandboxOptions = {
    drift: input.drift ?? d.drift,
    quota: {
      legacy: quota('quota.legacy', input.quota?.legacy, d.quota.legacy),
      candidate: quota('quota.candidate', input.quota?.candidate, d.quota.candidate),
    },
    legacy: { tokenLifetimeSec: nonNegative('legacy.tokenLifetimeSec', input.legacy?.tokenLifetimeSec, d.legacy.tokenLifetimeSec) },
    candidate: {
      signWithUnknownKey: candidate.signWithUnknownKey ?? d.candidate.signWithUnknownKey,
      delayMs: nonNegative('candidate.delayMs', candidate.delayMs, d.candidate.delayMs),
      violateSchema: candidate.violateSchema ?? d.candidate.violateSchema,
      tokenLifetimeSec: nonNegative('candidate.tokenLifetimeSec', candidate.tokenLifetimeSec, d.candidate.tokenLifetimeSec),
    },
  };
  if (candidate.grantedScopes !== undefined) {
    if (!Array.isArray(candidate.grantedScopes) || candidate.grantedScopes.some((s) => typeof s !== 'string')) {
      throw new ConfigError('sandbox option candidate.grantedScopes must be an array of scope names', { path: 'candidate.grantedScopes' });
    }
    options.candidate.grantedScopes = [...candidate.grantedScopes];
  }
  if (candidate.changeField !== undefined) {
    const { field, value } = candidate.changeField;
    if (typeof field !== 'string' || field === '') {
      throw new ConfigError('sandbox option candidate.changeField needs a non-empty "field"', {
        path: 'candidate.changeField.field',
        hint: "pass { field: 'customerName', value: 'Mallory' }",
      });
    }
    options.candidate.changeField = { field, value };
  }
  if (input.fault !== undefined) options.fault = fault(input.fault);
  return options;
}

function fault(value: string): SandboxFault {
  const known = faults.find((f) => f === value);
  if (known === undefined) {
    throw new ConfigError(`sandbox option fault="${value}" is not a sandbox fault`, { path: 'fault', hint: `use one of: ${faults.join(', ')}` });
  }
  return known;
}

function quota(path: string, value: number | null | undefined, fallback: number | null): number | null {
  if (value === undefined) return fallback;
  if (value === null) return null;
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(`sandbox option ${path}=${String(value)} must be a positive whole number of requests per minute, or null`, { path });
  }
  return value;
}

function nonNegative(path: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigError(`sandbox option ${path}=${String(value)} must be a non-negative number`, { path });
  }
  return value;
}
