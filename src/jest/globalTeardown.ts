import { finishJestRun } from './finishJestRun';
import { takeRunHandles } from './runHandles';
import { readRunState } from './runState';

/**
 * Runs once in Jest's parent process after every suite (and after the reporters): finishes the
 * run session from the parts the workers streamed — the verdict decided once, every report
 * written, the same failure summary and closing lines `parity run` prints — and makes Jest exit
 * non-zero whenever that verdict is not a pass (nothing ran, a part was lost, token parity
 * failed), not only when a Jest test failed.
 */
export default async function globalTeardown(): Promise<void> {
  const handles = takeRunHandles();
  const state = readRunState();
  if (!handles || !state) return;
  handles.removeSignalHandlers();
  const run = await finishJestRun(handles, state);
  // Jest keeps its own 1 when tests failed; this covers what Jest cannot see. README: npm test exits 0 or 1.
  if (run.summary.exitCode !== 0) process.exitCode = 1;
}
