import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface BenchSuitesOptions {
  cases: number;
  /** Cases per suite file; the last file takes the remainder. */
  casesPerFile: number;
  /** The suites' `api:` name: its base URLs are `LEGACY_API_<NAME>_URL` / `CANDIDATE_API_<NAME>_URL`. */
  api: string;
}

export const defaultBenchSuitesOptions = { casesPerFile: 1_000, api: 'bench' } satisfies Partial<BenchSuitesOptions>;

/**
 * Writes `cases` GET cases as suite files under `<root>/suites/` (docs/suite-format.md), one flow
 * mapping per case, and returns the files. Each case asks for its own path so every request is
 * distinct, as in a real suite; none sets `noiseBaseline`, so GETs get the default noise baseline.
 */
export function writeSuites(root: string, options: BenchSuitesOptions): string[] {
  const dir = path.join(root, 'suites');
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let first = 0, index = 0; first < options.cases; first += options.casesPerFile, index += 1) {
    const last = Math.min(options.cases, first + options.casesPerFile);
    const name = `bench-${String(index).padStart(3, '0')}`;
    const lines = [`suite: ${name}`, `api: ${options.api}`, 'cases:'];
    for (let c = first; c < last; c += 1) lines.push(`  - { name: "case ${String(c).padStart(6, '0')}", request: "GET /items/${c}" }`);
    const file = path.join(dir, `${name}.yaml`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    files.push(file);
  }
  return files;
}
