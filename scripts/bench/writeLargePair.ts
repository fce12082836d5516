import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateLargePair, type LargePairOptions } from './generateLargePair';

export interface LargePairFiles {
  legacyFile: string;
  candidateFile: string;
  legacyBytes: number;
  candidateBytes: number;
  items: number;
  expectedChanges: number;
}

/**
 * Generates the diff benchmark's pair (`generateLargePair`) and writes both sides as JSON files,
 * so every diff engine's process starts from the same bytes and parses them as it would two
 * response bodies — and the generator's own garbage never counts against an engine's memory.
 */
export function writeLargePair(dir: string, options: Partial<LargePairOptions> = {}): LargePairFiles {
  const pair = generateLargePair(options);
  const legacy = JSON.stringify(pair.legacy);
  const candidate = JSON.stringify(pair.candidate);
  const legacyFile = path.join(dir, 'legacy.json');
  const candidateFile = path.join(dir, 'candidate.json');
  writeFileSync(legacyFile, legacy);
  writeFileSync(candidateFile, candidate);
  return {
    legacyFile,
    candidateFile,
    legacyBytes: Buffer.byteLength(legacy),
    candidateBytes: Buffer.byteLength(candidate),
    items: pair.legacy.items.length,
    expectedChanges: pair.expectedChanges.length,
  };
}
