import { createHash } from 'node:crypto';
import { appendFileSync, createReadStream, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { serializeCase } from '../engine/serializeCase';
import type { CaseResult, SuiteInfo } from '../model/result';

/**
 * One test file's share of the run, streamed by its Jest worker as it happens: a `suite` line
 * when the file is defined (with how many cases it will report), then a `case` line as each case
 * finishes. The global teardown (in the parent) reads every part and feeds it to the run session.
 * A case is on disk the moment it finishes, so a worker that crashes or is interrupted later
 * loses nothing that finished; fewer case lines than announced tell the teardown the file
 * stopped early. (No "end" line: Jest runs no afterAll for a file whose tests `-t` all skipped.)
 *
 * A test file Jest runs in band, in the process that holds the run session, hands its cases to
 * the session as they finish (`CaseSink`: the session streams them to cases.ndjson at once, as in
 * `parity run`); its part then holds only the first two lines, marked `inProcess`. The progress
 * reporter reads those two lines for the file's number of tests.
 */

export interface RunPart {
  /** The test file this part belongs to (absolute path, as Jest names it). */
  testFile: string;
  /** Its cases went straight into the run session (in band): `cases` is empty. */
  inProcess: boolean;
  suite?: SuiteInfo;
  caseCount: number;
  only: boolean;
  /** Cases the file announced it would report (selected, `skip:` ones included). */
  expected: number;
  /** Case lines read back (each was handed to `readParts`' `onCase` as it was read). */
  cases: number;
  /** Lines that could not be read back (a write cut short by a crash). */
  unreadable: number;
}

export interface PartWriter {
  suite(info: SuiteInfo, counts: { caseCount: number; only: boolean; expected: number }): void;
  /** Writes the case (guarded: a result JSON cannot hold becomes an error of that case) and returns it as written. */
  case(result: CaseResult): CaseResult;
}

/** Where the cases of a test file run in band go: the run session, which returns each as recorded. */
export interface CaseSink {
  record(result: CaseResult): CaseResult;
}

/** Part files are named after a hash of the test file, so two workers never share one. (progressReporter.cjs names them the same way.) */
export function partFile(dir: string, testFile: string): string {
  return path.join(dir, `${createHash('sha256').update(testFile).digest('hex').slice(0, 16)}.ndjson`);
}

export function createPartWriter(dir: string, testFile: string, sink?: CaseSink): PartWriter {
  mkdirSync(dir, { recursive: true });
  const file = partFile(dir, testFile);
  // The first line names the test file, so the teardown can match parts to Jest's own results.
  appendFileSync(file, `${JSON.stringify({ testFile, inProcess: sink ? true : undefined })}\n`);
  const line = (text: string) => appendFileSync(file, `${text}\n`);
  return {
    suite: (info, counts) => line(JSON.stringify({ suite: info, ...counts })),
    case(result) {
      if (sink) return sink.record(result);
      const { result: written, json } = serializeCase(result);
      line(`{"case":${json}}`);
      return written;
    },
  };
}

/**
 * Every part in `dir`, one file after another, each read line by line: each case is handed to
 * `onCase` as soon as its line is parsed and kept nowhere, so the teardown of a run of 50,000
 * cases holds one case at a time, not every worker's results at once.
 */
export async function readParts(dir: string, onCase: (result: CaseResult, part: RunPart) => void = () => undefined): Promise<RunPart[]> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const parts: RunPart[] = [];
  for (const name of names.filter((n) => n.endsWith('.ndjson')).sort()) parts.push(await readPart(path.join(dir, name), onCase));
  return parts;
}

async function readPart(file: string, onCase: (result: CaseResult, part: RunPart) => void): Promise<RunPart> {
  const part: RunPart = { testFile: '', inProcess: false, caseCount: 0, only: false, expected: 0, cases: 0, unreadable: 0 };
  for await (const text of readline.createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    if (text === '') continue;
    let value: Partial<Record<'testFile' | 'inProcess' | 'suite' | 'caseCount' | 'only' | 'expected' | 'case', unknown>>;
    try {
      value = JSON.parse(text) as typeof value;
    } catch {
      part.unreadable += 1;
      continue;
    }
    if (typeof value.testFile === 'string') {
      part.testFile = value.testFile;
      part.inProcess = value.inProcess === true;
    } else if (value.suite) {
      part.suite = value.suite as SuiteInfo;
      part.caseCount = Number(value.caseCount) || 0;
      part.only = value.only === true;
      part.expected = Number(value.expected) || 0;
    } else if (value.case) {
      part.cases += 1;
      onCase(value.case as CaseResult, part);
    }
  }
  return part;
}
