import type { CaseResult, Exchange, RunResult } from '../model/result';
import type { ReportInput } from './reporter';

/**
 * The whole run in memory, for a reporter that has not been written as a stream yet. It holds
 * every exchange at once: use it only where a report needs all of them.
 */
export async function collectRun(input: ReportInput, options: { bodies?: boolean } = {}): Promise<RunResult> {
  const cases: CaseResult[] = [];
  for await (const result of input.cases()) cases.push(options.bodies === false ? withoutBodies(result) : result);
  return { ...input.run, cases };
}

/** A case whose recorded bodies are replaced by their size only: for reports that never show a body. */
function withoutBodies(result: CaseResult): CaseResult {
  const strip = (e: Exchange): Exchange => ({
    ...e,
    request: e.request.body ? { ...e.request, body: { kind: e.request.body.kind, bytes: e.request.body.bytes } } : e.request,
    ...(e.response ? { response: { ...e.response, body: { kind: e.response.body.kind, bytes: e.response.body.bytes } } } : {}),
  });
  return { ...result, steps: result.steps.map((s) => ({ ...s, legacy: strip(s.legacy), candidate: strip(s.candidate), ...(s.legacyRepeat ? { legacyRepeat: strip(s.legacyRepeat) } : {}) })) };
}
