import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportResult } from '../../src/importers/types';
import { loadSuiteFile } from '../../src/suite/loadSuiteFile';
import type { Suite } from '../../src/suite/types';

/** Writes an importer's files into a throwaway root's suites/ and loads each with the real loader. */
export function loadGenerated(result: ImportResult): Record<string, Suite> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'parity-import-load-'));
  try {
    mkdirSync(path.join(root, 'suites'));
    const suites: Record<string, Suite> = {};
    for (const file of result.files) {
      const absolute = path.join(root, 'suites', file.path);
      writeFileSync(absolute, file.yaml);
      suites[file.path] = loadSuiteFile(absolute, { root });
    }
    return suites;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
