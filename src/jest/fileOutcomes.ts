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
}

const key = Symbol.for('choreo-parity.fileOutcomes');
type WithOutcomes = typeof globalThis & { [key]?: FileOutcomes };

export function fileOutcomes(): FileOutcomes | undefined {
  return (globalThis as WithOutcomes)[key];
}

export function clearFileOutcomes(): void {
  delete (globalThis as WithOutcomes)[key];
}

/** The global slot's key, for the plain-JS reporter (it cannot import TypeScript). */
export const fileOutcomesKey = 'choreo-parity.fileOutcomes';
