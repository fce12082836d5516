import type { CaseResult } from '../model/result';

/**
 * A case result as it will be written (results.json, a Jest worker's part): serialized once, and
 * never lost. A result that cannot be serialized — a response nested deeper than
 * `JSON.stringify` can recurse (it throws "Maximum call stack size exceeded" near 10,000 levels),
 * or a value JSON cannot hold — becomes an `error` of that case that says so, so it can never be
 * dropped silently and never pass; every other case is unaffected.
 */
export function serializeCase(result: CaseResult): { result: CaseResult; json: string } {
  try {
    const json = JSON.stringify(result);
    if (typeof json === 'string') return { result, json };
    return unserializable(result, 'JSON.stringify returned nothing');
  } catch (error) {
    return unserializable(result, error instanceof Error ? error.message : String(error));
  }
}

function unserializable(result: CaseResult, why: string): { result: CaseResult; json: string } {
  const replaced: CaseResult = {
    id: result.id,
    suite: result.suite,
    suiteFile: result.suiteFile,
    api: result.api,
    name: result.name,
    tags: result.tags,
    status: 'error',
    steps: [],
    error: {
      name: 'ResultNotSerializable',
      message: `the result of this case (status "${result.status}") could not be saved: ${why}. Its exchanges are left out of every report`,
      hint: 'a response nested too deeply (thousands of levels) or holding values JSON cannot represent; check what the API returns for this case',
    },
    latency: result.latency,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
  };
  return { result: replaced, json: JSON.stringify(replaced) };
}
