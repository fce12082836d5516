import type { RunResult } from '../model/result';
import { reportInputFromRun } from './reportInput';
import type { Reporter } from './reporter';

/** A streamed reporter's whole output for a run held in memory (tests and small runs). */
export async function renderToString(reporter: Reporter, run: RunResult): Promise<string> {
  const chunks: string[] = [];
  const input = reportInputFromRun(run);
  await reporter.write(input, { write: async (chunk) => void chunks.push(chunk) });
  await input.close();
  return chunks.join('');
}
