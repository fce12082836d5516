import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunResult } from '../model/result';
import { fitReportBudget } from './fitReportBudget';
import { renderHtml } from './renderHtml';
import { defaultJunitOptions, renderJunit } from './renderJunit';
import { renderResultsJson } from './renderResultsJson';
import { renderSignoff, type SignoffExtras } from './renderSignoff';

/** The report files, by name; every reporter returns a string and this table says where it goes. */
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

/**
 * Writes `content` so that readers only ever see the old file or the whole new one: a temp file
 * in the same directory (same filesystem, so `rename` is atomic), then rename over the target.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Renders every report for `run` and writes them into `dir` (created if missing). All reports are
 * rendered before the first file is written, so a reporter bug never leaves a mixed set behind.
 * Returns the absolute paths written, in a fixed order.
 */
export async function writeReports(whole: RunResult, dir: string, options: WriteReportsOptions = {}): Promise<string[]> {
  const run = fitReportBudget(whole);
  const contents: Array<[string, string]> = [
    [reportFileNames.results, renderResultsJson(run)],
    [reportFileNames.junit, renderJunit(run, { ...defaultJunitOptions(), flavour: 'consumer' })],
    [reportFileNames.junitStrict, renderJunit(run, { ...defaultJunitOptions(), flavour: 'strict' })],
    [reportFileNames.html, renderHtml(run)],
    [reportFileNames.signoff, renderSignoff(run, options.signoff)],
  ];
  const target = path.resolve(dir);
  await mkdir(target, { recursive: true });
  const written: string[] = [];
  for (const [name, content] of contents) {
    const file = path.join(target, name);
    await writeFileAtomic(file, content);
    written.push(file);
  }
  return written;
}
