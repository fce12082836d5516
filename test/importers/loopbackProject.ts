import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiEnvKey } from '../../src/config/variables';
import { runParity } from '../../src/engine/runParity';
import type { ImportResult } from '../../src/importers/types';
import type { RunResult } from '../../src/model/result';

export interface LoopbackRun {
  /** Base URL of each side (a real loopback server the test started). */
  legacy: string;
  candidate: string;
  api: string;
  /** `PARITY_API_<NAME>_OPENAPI`: an absolute path to the contract, when the run checks one. */
  openapi?: string;
}

/**
 * Writes an importer's suites into a throwaway project whose env points both targets at
 * loopback servers without credentials (`*_GRANT=none`, generic profiles), runs them with the
 * real engine, and removes the project. The servers are the caller's.
 */
export async function runImportedOnLoopback(result: ImportResult, sides: LoopbackRun, extraEnv: Record<string, string> = {}): Promise<RunResult> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'parity-import-loopback-'));
  try {
    mkdirSync(path.join(root, 'env'));
    mkdirSync(path.join(root, 'suites'));
    const key = apiEnvKey(sides.api);
    const env = {
      LEGACY_PROFILE: 'generic',
      CANDIDATE_PROFILE: 'generic',
      LEGACY_GRANT: 'none',
      CANDIDATE_GRANT: 'none',
      [`LEGACY_API_${key}_URL`]: sides.legacy,
      [`CANDIDATE_API_${key}_URL`]: sides.candidate,
      ...(sides.openapi ? { [`PARITY_API_${key}_OPENAPI`]: sides.openapi } : {}),
      ...extraEnv,
    };
    writeFileSync(path.join(root, 'env', 'loopback.env'), Object.entries(env).map(([name, value]) => `${name}=${value}`).join('\n') + '\n');
    const files = result.files.map((file) => {
      const absolute = path.join(root, 'suites', file.path);
      writeFileSync(absolute, file.yaml);
      return absolute;
    });
    const { run } = await runParity({ root, envName: 'loopback', files, reportsDir: false, processEnv: { PATH: process.env.PATH ?? '' } });
    return run;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Everything that is not a clean pass, readable in a failed assertion. */
export function notGreen(run: RunResult): string[] {
  return [
    ...run.suites.filter((suite) => suite.error).map((suite) => `${suite.file}: ${suite.error!.message}`),
    ...run.cases
      .filter((result) => result.status === 'failed' || result.status === 'error')
      .map((result) => `${result.name}: ${result.status} ${result.error?.message ?? JSON.stringify(result.steps.flatMap((step) => [...step.differences.filter((d) => d.disposition === 'regression'), ...step.expectations.filter((e) => !e.ok)]))}`),
  ];
}
