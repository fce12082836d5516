import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { harnessVersion } from '../engine/harnessVersion';
import { RESULT_SCHEMA_VERSION, type CaseResult, type RunResult } from '../model/result';
import { caseDigest, type CaseDigest } from './caseDigest';

/** The streamed results inside the reports directory (see docs/results-format.md). */
export const casesFileName = 'cases.ndjson';

/**
 * The marker between a case record's digest and its full result. A JSON string can never hold
 * `,"result":` unescaped (its quotes would be `\"`), and the digest has no key of that name, so
 * its first occurrence on a case line is the boundary: readers parse the digest alone and find
 * the full result by byte offset without parsing it.
 */
export const resultMarker = ',"result":';
export const caseRecordPrefix = '{"record":"case","digest":';

export interface ResultsStreamStart {
  runId: string;
  startedAt: string;
}

export interface StartRecord extends ResultsStreamStart {
  record: 'start';
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  harnessVersion: string;
}

/** Appends the run's records to `cases.ndjson`; every call is one `write(2)`, done before it returns. */
export interface ResultsStream {
  readonly file: string;
  /** One finished case: on disk (in the kernel's page cache) before this returns, so a killed run keeps it. Returns its digest as written. */
  record(result: CaseResult): CaseDigest;
  /** A case record copied from another stream: its digest and its result's JSON bytes as they were. */
  recordRaw(digest: CaseDigest, result: Buffer): void;
  /** The finished run without its cases (they are already above); marks the stream complete. */
  end(run: RunResult): void;
  close(): void;
}

/**
 * Starts a fresh `cases.ndjson` in `dir` (created if missing), replacing the one of an earlier run,
 * with its `start` record. Other processes of the same run (Jest workers) `attachResultsStream`.
 */
export function openResultsStream(dir: string, start: ResultsStreamStart, fileName: string = casesFileName): ResultsStream {
  mkdirSync(dir, { recursive: true });
  const file = path.join(path.resolve(dir), fileName);
  const stream = streamOn(file, 'w');
  const record: StartRecord = { record: 'start', schemaVersion: RESULT_SCHEMA_VERSION, harnessVersion, runId: start.runId, startedAt: start.startedAt };
  stream.append(`${JSON.stringify(record)}\n`);
  return stream.api;
}

/**
 * Appends to a stream another process opened. The file is opened with O_APPEND and each record
 * is written by one `write(2)` call: Linux serialises writes to one regular file, so records of
 * several processes never interleave within a line.
 */
export function attachResultsStream(file: string): ResultsStream {
  return streamOn(file, 'a').api;
}

/** The line `record` writes: the case's digest, then its full result. */
function caseLine(result: CaseResult, digest: CaseDigest): string {
  return `${caseRecordPrefix}${JSON.stringify(digest)}${resultMarker}${JSON.stringify(result)}}\n`;
}

function endLine(run: RunResult): string {
  return `${JSON.stringify({ record: 'end', run: { ...run, cases: [] } })}\n`;
}

function writeAll(fd: number, bytes: Buffer, from: number): void {
  let written = from;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}

function streamOn(file: string, flags: 'w' | 'a'): { append(text: string | Buffer): void; api: ResultsStream } {
  let fd: number | undefined = openSync(file, flags === 'w' ? 'w' : 'a');
  const append = (text: string | Buffer): void => {
    if (fd === undefined) throw new Error(`${file}: the results stream is closed`);
    // A string is written as it is: Node encodes it straight into the write, which costs a third
    // of `Buffer.from` + write for a 10 KB record (no 10 KB buffer allocated per case). A regular
    // file takes the whole write; should the kernel take less, the rest follows as bytes.
    if (typeof text === 'string') {
      const written = writeSync(fd, text);
      const total = Buffer.byteLength(text, 'utf8');
      if (written < total) writeAll(fd, Buffer.from(text, 'utf8'), written);
      return;
    }
    writeAll(fd, text, 0);
  };
  return {
    append,
    api: {
      file,
      record(result) {
        const digest = caseDigest(result);
        append(caseLine(result, digest));
        return digest;
      },
      recordRaw: (digest, result) => append(Buffer.concat([Buffer.from(`${caseRecordPrefix}${JSON.stringify(digest)}${resultMarker}`, 'utf8'), result, Buffer.from('}\n', 'utf8')])),
      end: (run) => append(endLine(run)),
      close() {
        if (fd !== undefined) closeSync(fd);
        fd = undefined;
      },
    },
  };
}
