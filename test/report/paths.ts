import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Tests write only under reports/ (git-ignored). */
export const reportsRoot = path.resolve(__dirname, '..', '..', 'reports');

/** A fresh directory under reports/.test-tmp/, removed by the returned cleanup. */
export function scratchDir(label: string): { dir: string; cleanup: () => void } {
  const dir = path.join(reportsRoot, '.test-tmp', `${label}-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
