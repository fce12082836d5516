import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseResult, SuiteInfo, TokenParityResult } from '../model/result';
import { writeFileAtomic } from '../report/writeReports';

/**
 * One test file's share of the result model. Each Jest worker writes its part when its file
 * finishes; the global teardown (in the parent process) assembles the run from all parts.
 */
export interface RunPart {
  suite?: SuiteInfo;
  cases: CaseResult[];
  tokenParity?: TokenParityResult;
}

export async function writePart(dir: string, key: string, part: RunPart): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const name = `${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`;
  await writeFileAtomic(path.join(dir, name), JSON.stringify(part));
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
