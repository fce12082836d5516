import type { CaseResult, Exchange, RecordedBody, RunResult } from '../model/result';
import type { ReportInput } from './reporter';

/**
 * The whole run in memory, for a reporter that has not been written as a stream yet. It holds
 * every exchange at once: use it only where a report needs all of them.
 */
export async function collectRun(input: ReportInput, options: { bodies?: boolean | 'unless-passed' } = {}): Promise<RunResult> {
  const cases: CaseResult[] = [];
  for await (const result of input.cases()) {
    const keep = options.bodies === undefined || options.bodies === true || (options.bodies === 'unless-passed' && result.status !== 'passed');
    cases.push(keep ? result : withoutBodies(result));
  }
  return { ...input.run, cases };
}

/** Stands in for a body a report leaves out: says so, and where the body is. */
const leftOut = (body: RecordedBody): RecordedBody => ({ kind: 'text', bytes: body.bytes, text: `(${body.kind} body of ${body.bytes} bytes: in results.json and cases.ndjson)` });

/** A case whose recorded bodies are replaced by a note of their size: for reports that do not show them. */
export function withoutBodies(result: CaseResult): CaseResult {
  const strip = (e: Exchange): Exchange => ({
    ...e,
    request: e.request.body ? { ...e.request, body: leftOut(e.request.body) } : e.request,
    ...(e.response ? { response: { ...e.response, body: leftOut(e.response.body) } } : {}),
  });
  return { ...result, steps: result.steps.map((s) => ({ ...s, legacy: strip(s.legacy), candidate: strip(s.candidate), ...(s.legacyRepeat ? { legacyRepeat: strip(s.legacyRepeat) } : {}) })) };
}
