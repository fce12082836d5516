import type { HttpMethod, StepAuth } from './types';

/**
 * The keys each level of a suite file may hold. The loader rejects anything else and suggests the
 * nearest of these, so this table is also the list `docs/suite-format.md` documents.
 */
export const suiteKeys = ['suite', 'description', 'api', 'tags', 'vars', 'rules', 'cases'] as const;
export const globalKeys = ['vars', 'rules'] as const;
export const caseKeys = [
  'name',
  'description',
  'tags',
  'skip',
  'only',
  'api',
  'auth',
  'noiseBaseline',
  'mutating',
  'latency',
  'rules',
  'vars',
  'each',
  'request',
  'expect',
  'capture',
  'steps',
] as const;
export const stepKeys = ['name', 'api', 'auth', 'noiseBaseline', 'mutating', 'rules', 'request', 'expect', 'capture'] as const;
export const requestKeys = ['method', 'path', 'query', 'headers', 'json', 'text', 'contentType', 'form'] as const;
export const bodyKeys = ['json', 'text', 'form'] as const;
export const expectKeys = ['status', 'headers', 'json'] as const;
export const expectHeaderKeys = ['equals'] as const;
export const latencyKeys = ['maxRatio', 'maxAddedMs'] as const;
export const authWords = ['target', 'none'] as const;
export const authKeys = ['bearer', 'scope'] as const;
export const captureKeys = ['json', 'header', 'regex', 'status'] as const;
export const rulesKeys = ['ignore', 'match', 'arrays', 'headers', 'accept'] as const;
export const acceptKeys = ['path', 'reason', 'legacy', 'candidate'] as const;
export const toleranceKeys = ['absolute', 'relative'] as const;

/** Everything a step gets when the file says nothing. */
export const stepDefaults = {
  method: 'GET' as HttpMethod,
  auth: { kind: 'target' } as StepAuth,
  /** Content type of a `text:` body without `contentType:`. */
  textContentType: 'text/plain',
} as const;

/** Methods that write: a step using one is `mutating` unless the file says otherwise. */
export const mutatingMethods: readonly HttpMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** HTTP statuses a suite may expect. */
export const statusRange = { min: 100, max: 599 } as const;

/** Names usable as `{{name}}`: variables, capture names, data columns. */
export const variableNamePattern = /^[A-Za-z_][\w-]*$/;
