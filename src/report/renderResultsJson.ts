import { randomBytes } from 'node:crypto';
import type { RunResult } from '../model/result';
import { groupBySuite } from './groupBySuite';
import type { FileReportOutput } from './fileReportOutput';
import type { OpenReportInput } from './reportInput';
import type { ReportInput, ReportOutput, Reporter } from './reporter';

/**
 * `results.json`: the result model, every case with both full exchanges. The run's own fields are
 * two-space indented; each case is one line of compact JSON, copied byte for byte from
 * `cases.ndjson` (never parsed and re-serialised), in report order. Its shape is described by
 * `schema/results.schema.json` and `docs/results-format.md`. At scale prefer `cases.ndjson`:
 * the same cases, readable one line at a time.
 */
export const resultsJsonReporter: Reporter = {
  fileName: 'results.json',
  async write(input: ReportInput, out: ReportOutput) {
    const hole = `cases-${randomBytes(12).toString('hex')}`;
    const text = `${JSON.stringify({ ...input.run, cases: hole }, null, 2)}\n`;
    const at = text.indexOf(`"${hole}"`);
    await out.write(text.slice(0, at));
    const raw = (input as Partial<OpenReportInput>).loadRaw;
    const bytes = (out as Partial<FileReportOutput>).writeBytes;
    let first = true;
    for (const digest of input.digests) {
      await out.write(first ? '[\n    ' : ',\n    ');
      first = false;
      if (raw && bytes) await bytes.call(out, await raw(digest));
      else await out.write(JSON.stringify(await input.load(digest)));
    }
    await out.write(first ? '[]' : '\n  ]');
    await out.write(text.slice(at + hole.length + 2));
  },
};

export function renderResultsJson(run: RunResult): string {
  // Same bytes as the streamed reporter, for callers holding a run in memory.
  const hole = `cases-${randomBytes(12).toString('hex')}`;
  const text = `${JSON.stringify({ ...run, cases: hole }, null, 2)}\n`;
  const cases = run.cases.length === 0 ? '[]' : `[\n${groupBySuite(run).flatMap((g) => g.cases).map((c) => `    ${JSON.stringify(c)}`).join(',\n')}\n  ]`;
  return text.replace(`"${hole}"`, () => cases);
}
