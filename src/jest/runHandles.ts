import type { RunSession } from '../engine/runSession';

/**
 * What global setup opened and global teardown must finish. Jest runs both hooks (and its
 * reporters) in its parent process and documents globals as the way to share between them.
 */
export interface RunHandles {
  session: RunSession;
  /** Jest's `--bail` (0 = off): a run it stopped early is partial. */
  bail: number;
  /** Removes the SIGINT/SIGTERM handlers global setup installed. */
  removeSignalHandlers(): void;
  /** Cases recorded straight into the session by test files run in band, per test file. */
  inProcessCases: Map<string, number>;
}

const key = Symbol.for('choreo-parity.runHandles');
type WithHandles = typeof globalThis & { [key]?: RunHandles };

export function setRunHandles(handles: RunHandles): void {
  (globalThis as WithHandles)[key] = handles;
}

/** The handles, once: whoever takes them (teardown, or the signal handler) finishes the run. */
export function takeRunHandles(): RunHandles | undefined {
  const handles = (globalThis as WithHandles)[key];
  delete (globalThis as WithHandles)[key];
  return handles;
}

/**
 * The handles of run `runId` when this process opened it: a test file Jest runs in band runs in
 * the process of the global setup, and its cases can use the session itself.
 */
export function handlesInThisProcess(runId: string): RunHandles | undefined {
  const handles = (globalThis as WithHandles)[key];
  return handles?.session.runId === runId ? handles : undefined;
}
