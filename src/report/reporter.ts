import type { CaseResult, RunResult, SuiteInfo } from '../model/result';
import type { CaseDigest } from './caseDigest';

/**
 * The interface every reporter implements, so that no report is ever one giant string and no
 * reporter needs every exchange in memory.
 *
 * - `run` is the finished run WITHOUT its cases: summary (with the verdict, decided once at the
 *   end of the run), suites, token parity, throttling, warnings. `run.cases` is always `[]`.
 * - `digests` is every case as a `CaseDigest` (the case without its steps, plus difference counts
 *   per rule and retry counts), already in report order: suite file, then case id. It is small
 *   (a few hundred bytes a case) and held in memory, so a reporter may walk it as often as it likes.
 * - `groups` is the same digests grouped by suite (every suite of the run, even one without cases).
 * - `load(digest)` reads one case's full result (both exchanges, every difference) from disk.
 * - `cases(filter)` is an async iterable of full results in report order; only the digests the
 *   filter keeps are read at all (e.g. `(d) => d.status !== 'passed'`).
 *
 * A reporter writes its file through `out.write(chunk)` (await it: that is the back-pressure),
 * chunk by chunk; `writeReports` owns the file (temp file, then rename), never the reporter.
 */
export interface ReportInput {
  run: RunResult;
  digests: readonly CaseDigest[];
  groups: readonly DigestGroup[];
  load(digest: CaseDigest): Promise<CaseResult>;
  cases(filter?: (digest: CaseDigest) => boolean): AsyncIterable<CaseResult>;
}

interface DigestGroup {
  suite: SuiteInfo;
  digests: CaseDigest[];
}

/** Where a reporter writes: buffered, so many small writes cost little. */
export interface ReportOutput {
  write(chunk: string): Promise<void>;
}

export interface Reporter {
  /** The file it writes inside the reports directory (see `reportFileNames`). */
  fileName: string;
  write(input: ReportInput, out: ReportOutput): Promise<void>;
}
