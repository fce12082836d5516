import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { RESULT_SCHEMA_VERSION, type CaseResult, type RunResult } from '../model/result';
import { ResultsError } from './ResultsError';
import { openReportInput } from './reportInput';
import { casesFileName } from './resultsStream';
import { reportFileNames } from './writeReports';

const requiredTopLevel: ReadonlyArray<[keyof RunResult, 'string' | 'object' | 'array' | 'boolean']> = [
  ['runId', 'string'],
  ['startedAt', 'string'],
  ['finishedAt', 'string'],
  ['environment', 'object'],
  ['suites', 'array'],
  ['cases', 'array'],
  ['throttling', 'array'],
  ['warnings', 'array'],
  ['interrupted', 'boolean'],
  ['summary', 'object'],
];

function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

/**
 * The run in `dir` without its cases' exchanges (summary, verdict, suites, warnings): what
 * `parity gate` needs, read from `cases.ndjson` (digests only) — a run killed before it finished
 * reads as interrupted — or, for directories written before streaming, from results.json.
 */
export async function readRunHeader(dir: string): Promise<RunResult> {
  if (!existsSync(path.join(dir, casesFileName))) return { ...(await readResultsJson(dir)), cases: [] };
  const input = await openReportInput(dir);
  await input.close();
  return input.run;
}

/**
 * One shard's whole run, every case with its exchanges, in memory: from `cases.ndjson` when the
 * directory has one, else from results.json. For small runs and tests; at scale use
 * `openReportInput` or `mergeResultsDirs`, which never hold every exchange.
 */
export async function readResultsDir(dir: string): Promise<RunResult> {
  if (!existsSync(path.join(dir, casesFileName))) return readResultsJson(dir);
  const input = await openReportInput(dir);
  try {
    const cases: CaseResult[] = [];
    for await (const result of input.cases()) cases.push(result);
    return { ...input.run, cases };
  } finally {
    await input.close();
  }
}

/**
 * Reads `<dir>/results.json` (one shard's output). Every failure names the file and says what to
 * do; the structure is checked at the top level only, since results.json is written by this
 * harness and versioned by `schemaVersion`.
 */
async function readResultsJson(dir: string): Promise<RunResult> {
  const file = path.join(dir, reportFileNames.results);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ResultsError(missing ? `${file}: no ${reportFileNames.results} in this directory` : `${file}: cannot be read (${(cause as Error).message})`, {
      file,
      cause,
      hint: missing ? 'Point at the reports directory of a finished run (the one holding results.json), or download that shard’s artifact first.' : 'Check the file’s permissions.',
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new ResultsError(`${file}: not valid JSON (${(cause as Error).message})`, { file, cause, hint: 'The file is damaged or was cut short; re-run that shard or download its artifact again.' });
  }
  if (kindOf(data) !== 'object') throw new ResultsError(`${file}: expected a JSON object, found ${kindOf(data)}`, { file, hint: 'This is not a parity results.json.' });
  const record = data as Record<string, unknown>;
  if (record.schemaVersion !== RESULT_SCHEMA_VERSION) {
    throw new ResultsError(`${file}: schemaVersion ${JSON.stringify(record.schemaVersion)} is not supported; this harness reads schemaVersion ${RESULT_SCHEMA_VERSION}`, {
      file,
      path: 'schemaVersion',
      hint: `Merge with the harness version that wrote the file (harnessVersion ${JSON.stringify(record.harnessVersion)}), or re-run that shard with this one.`,
    });
  }
  for (const [key, kind] of requiredTopLevel) {
    if (kindOf(record[key]) !== kind) {
      throw new ResultsError(`${file}: "${key}" should be ${kind === 'array' ? 'an' : 'a'} ${kind}, found ${kindOf(record[key])}`, { file, path: key, hint: 'The file does not match schema/results.schema.json; it was not written by this harness or was edited.' });
    }
  }
  return data as RunResult;
}
