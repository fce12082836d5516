import { open, type FileHandle } from 'node:fs/promises';
import type { RunResult } from '../model/result';
import { RESULT_SCHEMA_VERSION } from '../model/result';
import type { CaseDigest } from './caseDigest';
import { ResultsError } from './ResultsError';
import { caseRecordPrefix, resultMarker, type StartRecord } from './resultsStream';

/** Where one case's full result sits in `cases.ndjson`: bytes, not parsed until a report needs them. */
export interface StreamedCase {
  digest: CaseDigest;
  offset: number;
  length: number;
}

export interface ScannedStream {
  file: string;
  start?: StartRecord;
  /** The run without its cases, when the run finished; absent for a run that was killed. */
  end?: RunResult;
  /** Every case record, in the order written (a case id can repeat only if a writer misbehaved). */
  cases: StreamedCase[];
  /** The file ended inside a record (the writer died mid-write): that record is ignored. */
  partialTail: boolean;
}

const chunkBytes = 1024 * 1024;
/** A case's digest must start within this many bytes of its line (digests are a few hundred). */
const maxHeadBytes = 4 * 1024 * 1024;
const marker = Buffer.from(resultMarker, 'utf8');
const casePrefix = Buffer.from(caseRecordPrefix, 'utf8');

/**
 * Reads `cases.ndjson` once, front to back, in 1 MiB chunks: parses every `start`/`end` record
 * and every case's digest, and notes where each full result is — without parsing results, so
 * scanning 50,000 cases costs a pass over the bytes and 50,000 small `JSON.parse` calls.
 */
export async function scanResultsStream(file: string): Promise<ScannedStream> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ResultsError(missing ? `${file}: no streamed results here` : `${file}: cannot be read (${(cause as Error).message})`, {
      file,
      cause,
      hint: missing ? 'Point at the reports directory of a run (the one holding cases.ndjson), or download that shard’s artifact first.' : 'Check the file’s permissions.',
    });
  }
  const out: ScannedStream = { file, cases: [], partialTail: false };
  const pool = new DigestPool();
  try {
    let head: Buffer[] = [];
    let headLength = 0;
    let kind: 'unknown' | 'case' | 'other' = 'unknown';
    let digest: { digest: CaseDigest; resultAt: number } | undefined;
    let lineStart = 0;
    let lineNo = 1;
    let position = 0;
    const finish = (lineEnd: number): void => {
      if (kind === 'case') {
        if (!digest) throw new ResultsError(`${file}:${lineNo}: a case record without "result"`, { file, line: lineNo, hint: 'The file is damaged; re-run or download it again.' });
        out.cases.push({ digest: digest.digest, offset: lineStart + digest.resultAt, length: lineEnd - 1 - (lineStart + digest.resultAt) });
      } else if (headLength > 0) {
        other(Buffer.concat(head, headLength).toString('utf8'), out, file, lineNo);
      }
      head = [];
      headLength = 0;
      kind = 'unknown';
      digest = undefined;
      lineStart = lineEnd + 1;
      lineNo += 1;
    };
    // One read buffer for the whole pass (what is kept of a line is copied out of it): a new 1 MiB
    // buffer per read left ~40 MiB of garbage outside the heap when scanning 50,000 cases.
    const chunk = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunkBytes, position);
      if (bytesRead === 0) break;
      let i = 0;
      while (i < bytesRead) {
        const nl = chunk.indexOf(10, i);
        const end = nl === -1 || nl >= bytesRead ? bytesRead : nl;
        if (kind === 'unknown' && headLength === 0) {
          // At a line's start: a case record whose digest ends inside this chunk is read in place,
          // without copying the line (its full result is ~10 KB; the digest a few hundred bytes).
          const line = chunk.subarray(i, end);
          const at = line.length > casePrefix.length && line.subarray(0, casePrefix.length).equals(casePrefix) ? line.indexOf(marker) : -1;
          if (at !== -1) {
            kind = 'case';
            digest = { digest: parseDigest(line.toString('utf8', casePrefix.length, at), file, lineNo, pool), resultAt: at + marker.length };
          }
        }
        if (!(kind === 'case' && digest)) {
          head.push(Buffer.from(chunk.subarray(i, end)));
          headLength += end - i;
          const joined = head.length === 1 ? head[0]! : Buffer.concat(head, headLength);
          head = [joined];
          if (kind === 'unknown' && (headLength >= casePrefix.length || end < bytesRead)) kind = joined.subarray(0, casePrefix.length).equals(casePrefix) ? 'case' : 'other';
          if (kind === 'case') {
            const at = joined.indexOf(marker);
            if (at !== -1) {
              digest = { digest: parseDigest(joined.subarray(casePrefix.length, at).toString('utf8'), file, lineNo, pool), resultAt: at + marker.length };
              head = [];
            } else if (headLength > maxHeadBytes) {
              throw new ResultsError(`${file}:${lineNo}: a case record whose digest does not end within ${maxHeadBytes} bytes`, { file, line: lineNo, hint: 'The file is damaged or was not written by this harness.' });
            }
          }
        }
        if (end < bytesRead) {
          finish(position + end);
          i = end + 1;
        } else {
          i = bytesRead;
        }
      }
      position += bytesRead;
    }
    out.partialTail = headLength > 0 || digest !== undefined;
  } finally {
    await handle.close();
  }
  return out;
}

function parseDigest(text: string, file: string, line: number, pool: DigestPool): CaseDigest {
  try {
    return pool.share(JSON.parse(text) as CaseDigest);
  } catch (cause) {
    throw new ResultsError(`${file}:${line}: the case digest is not valid JSON (${(cause as Error).message})`, { file, line, cause, hint: 'The file is damaged; re-run or download it again.' });
  }
}

function other(text: string, out: ScannedStream, file: string, line: number): void {
  if (text.trim() === '') return;
  let record: { record?: unknown; schemaVersion?: unknown; run?: RunResult; harnessVersion?: unknown };
  try {
    record = JSON.parse(text) as typeof record;
  } catch (cause) {
    throw new ResultsError(`${file}:${line}: not valid JSON (${(cause as Error).message})`, { file, line, cause, hint: 'The file is damaged or was cut short; re-run that shard or download its artifact again.' });
  }
  if (record.record === 'start') {
    if (record.schemaVersion !== RESULT_SCHEMA_VERSION) {
      throw new ResultsError(`${file}:${line}: schemaVersion ${JSON.stringify(record.schemaVersion)} is not supported; this harness reads schemaVersion ${RESULT_SCHEMA_VERSION}`, {
        file,
        line,
        path: 'schemaVersion',
        hint: `Read it with the harness version that wrote it (harnessVersion ${JSON.stringify(record.harnessVersion)}), or re-run with this one.`,
      });
    }
    out.start = record as StartRecord;
  } else if (record.record === 'end' && record.run && typeof record.run === 'object') {
    out.end = record.run;
  } else {
    throw new ResultsError(`${file}:${line}: unknown record ${JSON.stringify(record.record)}`, { file, line, hint: 'Expected "start", "case" or "end"; the file was not written by this harness.' });
  }
}

const noStrings: readonly string[] = Object.freeze([]);
const noRegressions: CaseDigest['regressions'] = Object.freeze([]) as unknown as CaseDigest['regressions'];
const noRules: CaseDigest['rules'] = Object.freeze([]) as unknown as CaseDigest['rules'];
const noRetries: CaseDigest['retries'] = Object.freeze({ legacy: 0, candidate: 0 });
const maxSharedRuleLists = 10_000;

/**
 * What 50,000 digests repeat — suite, file, API, tags, rule keys, reasons and paths, empty lists —
 * held once per scan instead of once per case: reports keep every digest in memory, and this
 * takes about a third off each. Shared values are frozen, so a reporter that tried to change one
 * would fail loudly instead of changing every case.
 */
class DigestPool {
  private readonly strings = new Map<string, string>();
  private readonly ruleLists = new Map<string, CaseDigest['rules']>();

  share(digest: CaseDigest): CaseDigest {
    digest.suite = this.text(digest.suite);
    digest.suiteFile = this.text(digest.suiteFile);
    digest.api = this.text(digest.api);
    digest.tags = digest.tags.length === 0 ? (noStrings as string[]) : digest.tags.map((tag) => this.text(tag));
    digest.regressions = digest.regressions.length === 0 ? noRegressions : digest.regressions;
    digest.rules = this.rules(digest.rules);
    if (digest.retries.legacy === 0 && digest.retries.candidate === 0) digest.retries = noRetries;
    return digest;
  }

  /** Passing cases of one kind of request tend to have the very same rules (e.g. noise ×2 at $.seq, $.requestId): one frozen list for all of them. */
  private rules(rules: CaseDigest['rules']): CaseDigest['rules'] {
    if (rules.length === 0) return noRules;
    const key = JSON.stringify(rules);
    const known = this.ruleLists.get(key);
    if (known) return known;
    for (const rule of rules) {
      rule.key = this.text(rule.key);
      if (rule.reason !== undefined) rule.reason = this.text(rule.reason);
      rule.paths = Object.freeze(rule.paths.map((p) => this.text(p))) as string[];
      Object.freeze(rule);
    }
    Object.freeze(rules);
    // Bounded: a run whose cases all differ in their rules keeps each list with its own case instead.
    if (this.ruleLists.size < maxSharedRuleLists) this.ruleLists.set(key, rules);
    return rules;
  }

  private text(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }
}
