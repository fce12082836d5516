import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A hidden temp name beside `file` (same directory, so the final `rename` stays on one filesystem). */
export function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes `content` so that readers only ever see the old file or the whole new one: a temp file
 * in the same directory (same filesystem, so `rename` is atomic), then rename over the target.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temp = tempNameFor(file);
  try {
    await writeFile(temp, content, 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
