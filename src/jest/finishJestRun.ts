import { rmSync } from 'node:fs';
import path from 'node:path';
import { printFailures } from '../cli/printFailures';
import { printRunSummary } from '../engine/printRunSummary';
import { escapingWriter } from '../shared/escapeControlChars';
import { HarnessError } from '../errors';
import type { RunResult, SuiteInfo } from '../model/result';
import { loadSuites } from '../suite/loadSuites';
import { suiteLoadFailure } from '../suite/suiteLoadFailure';
import { clearFileOutcomes, fileOutcomes } from './fileOutcomes';
import { readParts, type RunPart } from './parts';
import type { RunHandles } from './runHandles';
import { clearRunState, type RunState } from './runState';

const lostHint = 'Jest printed why the file stopped above; run that file alone (npm test -- <file>) to see it again.';

/**
 * The Jest side of "finish": every part the workers streamed goes through the session's
 * `recordCase`, a test file Jest ran without a complete part becomes an error of that suite file,
 * a run `--bail` stopped is marked partial; then the session decides, writes the reports, and the
 * failures and run summary are printed as `parity run` prints them. Closes the session.
 */
export async function finishJestRun(handles: RunHandles, state: RunState): Promise<RunResult> {
  const { session } = handles;
  try {
    const outcomes = fileOutcomes();
    // --bail: Jest finishes the run while other files may still be running; what they had not
    // reported is cut by the bail, not lost.
    const unfinished = handles.bail > 0 ? (outcomes?.unfinishedAtEnd ?? 0) : 0;
    const stoppedEarly = session.signal.aborted || unfinished > 0;
    // A worker's cases are read back from its part one at a time, straight into the session (which streams them to disk).
    const parts = await readParts(state.partsDir, (result) => session.recordCase(result, 'another process'));
    const seen = new Set(parts.map((part) => part.testFile));
    for (const part of parts) {
      // A file run in band handed its cases to the session as they finished; a worker's are in its part.
      const recorded = part.inProcess ? (handles.inProcessCases.get(part.testFile) ?? 0) : part.cases;
      if (part.suite) session.recordSuite(completeOrLost(part, recorded, part.suite, outcomes?.finished.get(part.testFile)?.execError, stoppedEarly), { caseCount: part.caseCount, only: part.only });
    }
    for (const [file, outcome] of outcomes?.finished ?? []) {
      if (seen.has(file)) continue;
      const cause = new HarnessError(`${path.relative(state.root, file)}: Jest ran this suite file but none of its results reached the run: ${outcome.execError ?? 'its worker wrote nothing'}`, { hint: lostHint });
      const [loaded] = loadSuites([file], { root: state.root });
      session.recordSuite(suiteLoadFailure(state.root, file, cause), { caseCount: loaded?.suite?.cases.length ?? 0, only: false });
    }
    if (unfinished > 0) session.cutShort(`--bail: ${unfinished} of ${outcomes!.planned} suite files had not finished`);
    const { run, reportFiles, failing } = await session.finish();
    const out = escapingWriter(process.stdout);
    await printFailures(run, out, undefined, failing);
    printRunSummary(run, reportFiles.map((file) => path.relative(process.cwd(), file)), out);
    return run;
  } finally {
    await session.close();
    rmSync(state.partsDir, { recursive: true, force: true });
    clearRunState();
    clearFileOutcomes();
  }
}

/** A part with fewer cases than it announced (and no interruption to explain it) lost cases: an error of that file. */
function completeOrLost(part: RunPart, recorded: number, suite: SuiteInfo, execError: string | undefined, stoppedEarly: boolean): SuiteInfo {
  if (suite.error || (recorded >= part.expected && part.unreadable === 0) || stoppedEarly) return suite;
  const why = execError ?? (part.unreadable > 0 ? `${part.unreadable} of its results could not be read back` : 'its worker stopped before the file finished');
  return {
    ...suite,
    error: { name: 'ResultsLost', message: `${suite.file}: ${recorded} of ${part.expected} cases reported before the test file stopped: ${why}`, hint: lostHint },
  };
}
