import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import readline from 'node:readline';

/** What the stream rewrite needs of the run's redactor: every string and object key of a record, redacted. */
export interface RecordRedactor {
  redactRecordSince<T>(value: T, version: number): T;
}

/**
 * Passes every line of a written `cases.ndjson` through the run's redactor again and replaces the
 * file atomically. A case is streamed to disk the moment it is decided; a secret registered later
 * (a later suite's `{{env.*}}` value, a later capture) may be echoed in an earlier case, and the
 * reports are rendered from this file, so it is redacted again before any report reads it. Line by
 * line, so memory stays flat however large the run. A last line cut mid-write (a killed run) is
 * kept as it is, for the reader to ignore.
 */
export async function redactResultsStream(file: string, redactor: RecordRedactor): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.redact.tmp`);
  const out = createWriteStream(temp, { encoding: 'utf8' });
  try {
    const lines = readline.createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      // Parsed, not treated as text: a marker written into raw JSON text could break its quoting.
      const redacted = redactLine(line, redactor);
      if (!out.write(`${redacted}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    await rename(temp, file);
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
}

function redactLine(line: string, redactor: RecordRedactor): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return line;
  }
  return JSON.stringify(redactor.redactRecordSince(record, 0));
}
