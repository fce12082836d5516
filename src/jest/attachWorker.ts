import { loadEnvConfig } from '../config/loadEnvConfig';
import type { EnvConfig } from '../config/types';
import { baselineSourcesFor } from '../baseline/baselineSourcesFor';
import { createRunContext, type RunContext } from '../engine/runContext';
import { toErrorInfo } from '../errors';
import { createLocalPacer } from '../execute/pacer';
import { createRemotePacer } from '../execute/remotePacer';
import type { HarnessErrorInfo } from '../model/result';
import { loadLazyDependencies } from './loadLazyDependencies';
import { createPartWriter, type PartWriter } from './parts';
import { readRunState, type RunState } from './runState';

/** What a test file gets when it attaches to the run session global setup opened. */
export interface AttachedWorker {
  state: RunState;
  /** Absent when the environment could not be prepared here or in global setup (`setupError`). */
  config?: EnvConfig;
  setupError?: HarnessErrorInfo;
  /** Built on first use: a file whose cases are all skipped sends nothing and opens nothing. */
  context(): RunContext;
  /** This test file's part of the run: every finished case goes through it, at once. */
  part: PartWriter;
  /** Stops what `context()` started (its pacer client). */
  detach(): Promise<void>;
}

/**
 * The one place a Jest test file joins the run: reads the state global setup published, loads
 * the environment the parent prepared (the sandbox URLs arrive through the inherited process
 * environment), paces through the parent's pacer so quotas hold across all workers, honours the
 * run timeout counted from global setup, and loads now every library a case may otherwise load
 * later — Jest refuses a `require` once any concurrent test of the file has finished.
 */
export function attachWorker(testFile: string): AttachedWorker {
  const state = readRunState();
  if (!state) throw new Error('suite files run through the parity Jest config (npm test); run `npm test` or `npx parity run`');
  let config: EnvConfig | undefined;
  let setupError = state.setupError;
  if (!setupError) {
    try {
      config = loadEnvConfig({ root: state.root, processEnv: process.env });
      loadLazyDependencies(config);
    } catch (error) {
      setupError = toErrorInfo(error);
    }
  }
  let context: RunContext | undefined;
  return {
    state,
    ...(config ? { config } : {}),
    ...(setupError ? { setupError } : {}),
    context: () => (context ??= createWorkerContext(state, config!)),
    part: createPartWriter(state.partsDir, testFile),
    detach: async () => {
      await context?.pacer.close();
    },
  };
}

function createWorkerContext(state: RunState, config: EnvConfig): RunContext {
  const pacer = state.pacerUrl
    ? createRemotePacer(state.pacerUrl)
    : createLocalPacer({ legacy: config.targets.legacy.rateLimit, candidate: config.targets.candidate.rateLimit });
  // A side recorded in a baseline (LEGACY_BASELINE) is answered from its files, as in `parity run`.
  return createRunContext({ root: state.root, config, pacer, signal: runDeadline(state, config), sources: baselineSourcesFor(config, state.root) });
}

/**
 * PARITY_RUN_TIMEOUT_MS counts from the start of the whole run (global setup), not of this file:
 * after it, cases still running end as interrupted and the rest do not start.
 */
function runDeadline(state: RunState, config: EnvConfig): AbortSignal {
  const controller = new AbortController();
  if (config.run.runTimeoutMs > 0) {
    const remaining = Date.parse(state.startedAt) + config.run.runTimeoutMs - Date.now();
    setTimeout(() => controller.abort(), Math.max(0, remaining)).unref();
  }
  return controller.signal;
}
