import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import type { CaseResult, RunResult } from '../model/result';
import { caseDigest, type CaseDigest } from './caseDigest';
import { groupCases } from './groupBySuite';
import { scanResultsStream, type ScannedStream, type StreamedCase } from './readResultsStream';
import type { ReportInput } from './reporter';
import { ResultsError } from './ResultsError';
import { casesFileName } from './resultsStream';
import { summarizeDigests } from './summarizeDigests';

/** A `ReportInput` plus raw access for the results.json writer, and a `close` for the file behind it. */
export interface OpenReportInput extends ReportInput {
  /** The case's result exactly as written (compact JSON bytes): copied, never re-serialised. */
  loadRaw(digest: CaseDigest): Promise<Buffer>;
  /** How many case records the stream held that were dropped as repeats of an id (should be 0). */
  repeated: number;
  close(): Promise<void>;
}

function build(run: RunResult, digests: CaseDigest[], loadRaw: (d: CaseDigest) => Promise<Buffer>, extra: { repeated: number; close(): Promise<void> }): OpenReportInput {
  const groups = groupCases(run.suites, digests).map((g) => ({ suite: g.suite, digests: g.cases }));
  const ordered = groups.flatMap((g) => g.digests);
  const load = async (digest: CaseDigest): Promise<CaseResult> => JSON.parse((await loadRaw(digest)).toString('utf8')) as CaseResult;
  return {
    run,
    digests: ordered,
    groups,
    load,
    loadRaw,
    async *cases(filter) {
      for (const digest of ordered) if (!filter || filter(digest)) yield await load(digest);
    },
    ...extra,
  };
}

/** A run held in memory, as reporters see a streamed one (tests, `renderHtml(run)`, `mergeRuns`). */
export function reportInputFromRun(run: RunResult): OpenReportInput {
  const byDigest = new Map<CaseDigest, CaseResult>();
  for (const result of run.cases) byDigest.set(caseDigest(result), result);
  const header: RunResult = { ...run, cases: [] };
  return build(header, [...byDigest.keys()], async (d) => Buffer.from(JSON.stringify(byDigest.get(d)), 'utf8'), { repeated: 0, close: async () => undefined });
}

/**
 * The run a `cases.ndjson` describes. A finished run is its `end` record; a run that was killed
 * before it ended becomes an interrupted run of the cases that did finish (with a warning saying
 * so), its summary counted from their digests — so every finished case is still reported.
 */
function runOfStream(scanned: ScannedStream, digests: readonly CaseDigest[]): RunResult {
  if (scanned.end) return scanned.end;
  const start = scanned.start;
  if (!start) throw new ResultsError(`${scanned.file}: no start record`, { file: scanned.file, hint: 'The file is empty or was not written by this harness.' });
  const unknown = (name: 'legacy' | 'candidate') => ({ name, profile: 'unknown', hosts: [], auth: 'unknown', tlsVerify: true });
  const suiteFiles = [...new Set(digests.map((d) => d.suiteFile))].sort();
  const suites = suiteFiles.map((file) => ({ name: digests.find((d) => d.suiteFile === file)!.suite, file, sha256: '' }));
  const finishedAt = digests.reduce((latest, d) => Math.max(latest, Date.parse(d.startedAt) + d.durationMs), Date.parse(start.startedAt));
  return {
    schemaVersion: start.schemaVersion,
    harnessVersion: start.harnessVersion,
    runId: start.runId,
    startedAt: start.startedAt,
    finishedAt: new Date(Number.isFinite(finishedAt) ? finishedAt : Date.parse(start.startedAt)).toISOString(),
    environment: { name: 'unknown', production: false, sandbox: false, targets: { legacy: unknown('legacy'), candidate: unknown('candidate') } },
    suites,
    cases: [],
    throttling: [],
    warnings: [`The run stopped before it finished (no end record in ${casesFileName}): ${digests.length} finished case(s) are reported; cases still running or never started are missing.`],
    interrupted: true,
    summary: summarizeDigests(digests, { suites, interrupted: true }),
  };
}

/** Opens `<dir>/cases.ndjson` for the reporters; `close()` it when they are done. */
export async function openReportInput(dir: string): Promise<OpenReportInput> {
  const file = path.join(dir, casesFileName);
  const scanned = await scanResultsStream(file);
  // The last record of an id wins: a writer never repeats one, but a re-attached worker could.
  const byId = new Map<string, StreamedCase>();
  for (const c of scanned.cases) byId.set(c.digest.id, c);
  const positions = new Map<CaseDigest, StreamedCase>();
  for (const c of byId.values()) positions.set(c.digest, c);
  const digests = [...positions.keys()];
  const run = runOfStream(scanned, digests);
  // Positional reads of a few KB from a file just written (in the page cache): synchronous reads
  // cost a fraction of a thread-pool round trip each, and reporters read every case once or twice.
  const fd = openSync(file, 'r');
  let isOpen = true;
  const closeOnce = (): void => {
    if (isOpen) closeSync(fd);
    isOpen = false;
  };
  const loadRaw = async (digest: CaseDigest): Promise<Buffer> => {
    const at = positions.get(digest);
    if (!at) throw new Error(`case ${digest.id} is not in ${file}`);
    const buffer = Buffer.allocUnsafe(at.length);
    let read = 0;
    while (read < at.length) {
      const bytesRead = readSync(fd, buffer, read, at.length - read, at.offset + read);
      if (bytesRead === 0) throw new ResultsError(`${file}: case ${digest.id} ends early (the file was cut short)`, { file, hint: 'Re-run, or download the artifact again.' });
      read += bytesRead;
    }
    return buffer;
  };
  return build(run, digests, loadRaw, { repeated: scanned.cases.length - byId.size, close: async () => closeOnce() });
}
