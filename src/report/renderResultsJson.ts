import type { RunResult } from '../model/result';

/**
 * `results.json`: the result model as it is, two-space indented, one trailing newline. Its shape
 * is described by `schema/results.schema.json` and `docs/results-format.md`.
 */
export function renderResultsJson(run: RunResult): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}
