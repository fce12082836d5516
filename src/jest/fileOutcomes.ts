/**
 * What Jest itself saw of each test file, handed from the progress reporter (which Jest calls in
 * its parent process) to the global teardown: a file that ran but left no results behind (its
 * worker crashed, a module failed to load) is reported as an error of that file, never dropped.
 */
export interface FileOutcomes {
  /** Test files Jest planned to run (after path filters and --shard). */
  planned: number;
  /** Every test file Jest finished, with the error that stopped it, if one did. */
  finished: Map<string, { execError?: string }>;
  /** Files not finished when Jest declared the run complete (only `--bail` does that early). */
  unfinishedAtEnd?: number;
}

/** The same key the plain-JS reporter (progressReporter.cjs) writes under. */
const key = Symbol.for('choreo-parity.fileOutcomes');
type WithOutcomes = typeof globalThis & { [key]?: FileOutcomes };

export function fileOutcomes(): FileOutcomes | undefined {
  return (globalThis as WithOutcomes)[key];
}

export function clearFileOutcomes(): void {
  delete (globalThis as WithOutcomes)[key];
}
