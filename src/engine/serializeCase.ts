import type { CaseResult } from '../model/result';

/**
 * How deep a recorded value may nest. `JSON.stringify` recurses and throws "Maximum call stack
 * size exceeded" somewhere between 4,000 and 6,000 levels on Node 20's default stack; real API
 * bodies nest a few dozen. A deeper value could be written by no report.
 */
export const maxRecordedDepth = 2_000;

/**
 * A case result as every report can write it, decided once in the one door each finished case
 * passes (`RunSession.recordCase`, and a Jest worker's part writer): a result that nests deeper
 * than `maxRecordedDepth` — a response 10,000 levels deep once made a worker's whole suite file
 * vanish from the reports while the run said PASS — becomes an `error` of that case that says so.
 * It can never be dropped and never pass; every other case is unaffected. Cheap: no serialization.
 */
export function guardCase(result: CaseResult): CaseResult {
  return depthExceeds(result, maxRecordedDepth + caseEnvelopeDepth) ? unwritable(result, `a value in it nests deeper than ${maxRecordedDepth} levels`) : result;
}

/**
 * `guardCase`, then the result as one JSON line (a Jest worker's part). Its bodies and difference
 * values were already cut to the recording cap when each step was recorded (`capStepRecord`), so
 * its size is bounded; anything JSON still cannot hold makes the case an error that says why.
 */
export function serializeCase(input: CaseResult): { result: CaseResult; json: string } {
  const result = guardCase(input);
  try {
    return { result, json: JSON.stringify(result) };
  } catch (error) {
    const replaced = unwritable(result, error instanceof Error ? error.message : String(error));
    return { result: replaced, json: JSON.stringify(replaced) };
  }
}

/** Levels a body sits below the case result (steps → [i] → candidate → response → body → json). */
const caseEnvelopeDepth = 8;

/** Iterative, so the check itself cannot overflow the stack; stops descending at the limit. */
function depthExceeds(root: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

function unwritable(result: CaseResult, why: string): CaseResult {
  return {
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
      message: `the result of this case (status "${result.status}") cannot be written to any report: ${why}. Its exchanges are left out`,
      hint: 'check what the API answers for this case: a body nested thousands of levels deep, or values JSON cannot represent',
    },
    latency: result.latency,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
  };
}
