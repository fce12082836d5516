import path from 'node:path';
import { apiEnvKey } from '../config/variables';
import { runParity } from '../engine/runParity';
import type { HarEntry } from '../importers/harFile';
import type { RunResult } from '../model/result';
import { createHarSource } from './createHarSource';
import { createRecordingSource, type RecordingSource, type RecordingSummary } from './createRecordingSource';

export interface HarBaselineOptions {
  /** Project root: suite files and the baseline folder are named relative to it. */
  root: string;
  /** The suite files imported from the capture (absolute, or relative to `root`). */
  files: string[];
  entries: readonly HarEntry[];
  /** The API's base URL in the capture (`--base-url`). */
  baseUrl: string;
  /** The suites' `api:`. */
  api: string;
  /** Baseline folder, relative to `root` (default `baselines/har`). */
  dir?: string;
  /** The legacy profile written into the manifest (default `apicloud`: a capture of the retired API Cloud). */
  profile?: string;
  /** The environment name written into the manifest (default `har`). */
  env?: string;
}

export interface HarBaselineOutcome {
  run: RunResult;
  summary: RecordingSummary;
  dir: string;
}

/**
 * Writes a legacy baseline from a HAR capture, in exactly the format `parity record` writes
 * (the same recorder, manifest and sha256s): the imported suites run with the legacy side
 * answered from the capture and the candidate mirroring it, so nothing is sent anywhere. A later
 * `parity run --legacy-baseline <dir>` then compares the candidate with what the retired gateway
 * answered when the capture was taken.
 */
export async function recordHarBaseline(options: HarBaselineOptions): Promise<HarBaselineOutcome> {
  const key = apiEnvKey(options.api);
  const dir = path.resolve(options.root, options.dir ?? path.join('baselines', 'har'));
  let recorder: RecordingSource | undefined;
  const { run } = await runParity({
    root: options.root,
    envName: options.env ?? 'har',
    files: options.files,
    reportsDir: false,
    tokenParity: false,
    // Only what the recording needs: no credentials, and nothing read from the user's shell.
    processEnv: {
      PATH: process.env.PATH ?? '',
      LEGACY_GRANT: 'none',
      CANDIDATE_GRANT: 'none',
      LEGACY_PROFILE: options.profile ?? 'apicloud',
      [`LEGACY_API_${key}_URL`]: options.baseUrl,
      [`CANDIDATE_API_${key}_URL`]: options.baseUrl,
    },
    sources: ({ config }) => {
      recorder = createRecordingSource(createHarSource(options.entries, options.baseUrl), dir, {
        env: config.name,
        target: 'legacy',
        profile: config.targets.legacy.profile,
        apis: { [key.toLowerCase()]: options.baseUrl.replace(/\/+$/, '') },
        root: options.root,
      });
      return { legacy: recorder, candidate: recorder.mirror() };
    },
  });
  if (!recorder) throw new Error('recordHarBaseline: the run never asked for its sources');
  return { run, summary: recorder.summary(), dir };
}
