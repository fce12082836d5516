import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tempNameFor } from '../shared/writeFileAtomic';
import type { ReportOutput } from './reporter';

/** Chunks are gathered up to this many characters before one write to the file. */
const flushChars = 256 * 1024;

/** A report being written to a temp file beside its target; `commit` renames it into place. */
export interface FileReportOutput extends ReportOutput {
  readonly temp: string;
  writeBytes(bytes: Buffer): Promise<void>;
  /** Flushes and closes the temp file (it is not yet visible under its name). */
  finish(): Promise<void>;
  /** Removes the temp file (after a failure). */
  discard(): Promise<void>;
}

export function openFileReportOutput(file: string): FileReportOutput {
  const temp = tempNameFor(file);
  const stream: WriteStream = createWriteStream(temp, { flags: 'w' });
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure = error;
  });
  let pending: Array<string | Buffer> = [];
  let pendingChars = 0;
  let pendingBytes = false;
  const push = async (data: string | Buffer): Promise<void> => {
    if (failure) throw failure;
    if (!stream.write(data)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        stream.once('error', onError);
        stream.once('drain', () => {
          stream.off('error', onError);
          resolve();
        });
      });
    }
  };
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const data = pendingBytes ? Buffer.concat(pending.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part))) : (pending as string[]).join('');
    pending = [];
    pendingChars = 0;
    pendingBytes = false;
    await push(data);
  };
  return {
    temp,
    async write(chunk) {
      pending.push(chunk);
      pendingChars += chunk.length;
      if (pendingChars >= flushChars) await flush();
    },
    async writeBytes(bytes) {
      // Gathered like text: results.json copies 50,000 small records, one write each would be 50,000 writes.
      pending.push(bytes);
      pendingChars += bytes.length;
      pendingBytes = true;
      if (pendingChars >= flushChars) await flush();
    },
    async finish() {
      await flush();
      await new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure);
        stream.once('error', reject);
        stream.end(() => resolve());
      });
    },
    async discard() {
      stream.destroy();
      await rm(temp, { force: true });
    },
  };
}
