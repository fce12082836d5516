import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { RunResult } from '../model/result';
import { openFileReportOutput, type FileReportOutput } from './fileReportOutput';
import { htmlReporter } from './renderHtml';
import { junitReporter } from './renderJunit';
import { resultsJsonReporter } from './renderResultsJson';
import { signoffReporter, type SignoffExtras } from './renderSignoff';
import { openReportInput } from './reportInput';
import type { Reporter } from './reporter';
import { openResultsStream } from './resultsStream';

/** The report files, by name, and the streamed results every one of them is rendered from. */
export const reportFileNames = {
  results: 'results.json',
  junit: 'junit.xml',
  /** The same cases, valid against junit-10.xsd (for the Jenkins xUnit plugin and schema checks). */
  junitStrict: 'junit-strict.xml',
  html: 'parity-report.html',
  signoff: 'signoff.md',
} as const;

export interface WriteReportsOptions {
  signoff?: SignoffExtras;
}

export function defaultReporters(options: WriteReportsOptions = {}): Reporter[] {
  return [resultsJsonReporter, junitReporter(reportFileNames.junit, 'consumer'), junitReporter(reportFileNames.junitStrict, 'strict'), htmlReporter, signoffReporter(options.signoff)];
}

/**
 * Renders every report from `<dir>/cases.ndjson` (the run's streamed results, finished or not)
 * into `dir`. Each reporter streams into its own temp file; only when all of them succeeded are
 * they renamed into place, so a reporter bug never leaves a mixed set behind (the streamed
 * results stay either way). Returns the absolute paths written, in a fixed order.
 */
export async function writeStreamedReports(dir: string, options: WriteReportsOptions = {}, reporters: readonly Reporter[] = defaultReporters(options)): Promise<string[]> {
  const target = path.resolve(dir);
  const input = await openReportInput(target);
  const done: Array<{ file: string; out: FileReportOutput }> = [];
  try {
    for (const reporter of reporters) {
      const file = path.join(target, reporter.fileName);
      const out = openFileReportOutput(file);
      done.push({ file, out });
      await reporter.write(input, out);
      await out.finish();
    }
    for (const { file, out } of done) await rename(out.temp, file);
    return done.map((d) => d.file);
  } catch (error) {
    for (const { out } of done) await out.discard();
    throw error;
  } finally {
    await input.close();
  }
}

/**
 * Writes a run held in memory: its `cases.ndjson` first (start, every case, end), then every
 * report from it, exactly as a streamed run is reported. The run's summary is kept as given.
 */
export async function writeReports(run: RunResult, dir: string, options: WriteReportsOptions = {}): Promise<string[]> {
  const target = path.resolve(dir);
  await mkdir(target, { recursive: true });
  const stream = openResultsStream(target, { runId: run.runId, startedAt: run.startedAt });
  try {
    for (const result of run.cases) stream.record(result);
    stream.end(run);
  } finally {
    stream.close();
  }
  return writeStreamedReports(target, options);
}
