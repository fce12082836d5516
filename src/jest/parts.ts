import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseResult, SuiteInfo, TokenParityResult } from '../model/result';

/**
 * One test file's share of the result model. Each Jest worker writes its part when its file
 * finishes; the global teardown (in the parent process) assembles the run from all parts.
 */
export interface RunPart {
  suite?: SuiteInfo;
  cases: CaseResult[];
  tokenParity?: TokenParityResult;
}

export function writePart(dir: string, key: string, part: RunPart): void {
  mkdirSync(dir, { recursive: true });
  const name = `${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`;
  const temp = path.join(dir, `.${name}.${process.pid}.tmp`);
  writeFileSync(temp, JSON.stringify(part));
  renameSync(temp, path.join(dir, name));
}

export function readParts(dir: string): RunPart[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as RunPart);
}
