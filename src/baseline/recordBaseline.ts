import path from 'node:path';
import type { ConfigFlags } from '../config/loadEnvConfig';
import { liveExchangeSource } from '../engine/exchangeSource';
import { runParity, type RunParityOptions } from '../engine/runParity';
import type { SandboxFlags } from '../engine/sandboxOptions';
import type { CaseSelection } from '../engine/selectCases';
import { ConfigError } from '../errors';
import { sendRequest } from '../execute/sendRequest';
import type { RunResult } from '../model/result';
import { createRecordingSource, type RecordingSource, type RecordingSummary } from './createRecordingSource';

export interface RecordBaselineOptions {
  root: string;
  envName?: string;
  /** Suite files (default: every suite under suites/). With `selection`, only those cases are re-recorded. */
  files?: string[];
  selection?: CaseSelection;
  processEnv?: NodeJS.ProcessEnv;
  flags?: ConfigFlags;
  sandbox?: SandboxFlags;
  signal?: AbortSignal;
  /** Baseline folder, relative to `root` (default: `baselines/<env>`). */
  dir?: string;
  onCaseDone?: RunParityOptions['onCaseDone'];
}

export interface RecordBaselineOutcome {
  /** The recording run: the legacy compared with itself (a `failed` case means the legacy broke the suite's own expectations). */
  run: RunResult;
  summary: RecordingSummary;
  /** Absolute baseline folder. */
  dir: string;
}

/**
 * `parity record`: runs the selected cases with the legacy side live and recorded, and the
 * candidate never called (it mirrors the legacy's answers, so captures flow and nothing fails on
 * parity). Idempotent steps are called twice as always (the noise baseline), so both calls are
 * on file and a later replay keeps its noise detection offline.
 */
export async function recordBaseline(options: RecordBaselineOptions): Promise<RecordBaselineOutcome> {
  let recorder: RecordingSource | undefined;
  let dir = '';
  const { run } = await runParity({
    root: options.root,
    // An empty name is no name: a run whose environment fails to load then falls back to PARITY_ENV.
    envName: options.envName || undefined,
    files: options.files,
    selection: options.selection,
    processEnv: options.processEnv,
    flags: options.flags,
    sandbox: options.sandbox,
    signal: options.signal,
    onCaseDone: options.onCaseDone,
    reportsDir: false,
    // Token parity would call the candidate's token endpoint; a recording calls nothing but the legacy.
    tokenParity: false,
    sources: ({ config }) => {
      const legacy = config.targets.legacy;
      if (legacy.baselineDir !== undefined) {
        throw new ConfigError(`LEGACY_BASELINE is set (${legacy.baselineDir}): a recording calls the legacy side live`, {
          target: 'legacy',
          hint: 'Unset LEGACY_BASELINE (and drop --legacy-baseline) for `parity record`; the folder to write is --out (default baselines/<env>).',
        });
      }
      dir = path.resolve(options.root, options.dir ?? path.join('baselines', config.name));
      recorder = createRecordingSource(liveExchangeSource(sendRequest), dir, {
        env: config.name,
        target: 'legacy',
        profile: legacy.profile,
        apis: Object.fromEntries(Object.entries(legacy.apis).map(([key, api]) => [key, api.baseUrl])),
        root: options.root,
      });
      return { legacy: recorder, candidate: recorder.mirror() };
    },
  });
  if (!recorder) throw new Error('recordBaseline: the run never asked for its sources');
  return { run, summary: recorder.summary(), dir };
}
