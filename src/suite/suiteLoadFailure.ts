import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toErrorInfo } from '../errors';
import type { SuiteInfo } from '../model/result';

/**
 * What the reports keep of a suite that could not be loaded: its path relative to the root, the
 * sha256 of its bytes (empty when it cannot even be read), and the error. Only this failure path
 * hashes the file itself; a loaded suite carries the sha256 its loader computed.
 */
export function suiteLoadFailure(root: string, file: string, error: unknown): SuiteInfo & { error: NonNullable<SuiteInfo['error']> } {
  const absolute = path.resolve(root, file);
  const relative = path.relative(root, absolute).split(path.sep).join('/');
  let sha256 = '';
  try {
    sha256 = createHash('sha256').update(readFileSync(absolute)).digest('hex');
  } catch {
    // A missing or unreadable file: the error already says so.
  }
  return { name: relative, file: relative, sha256, error: toErrorInfo(error) };
}
