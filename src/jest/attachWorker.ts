import { loadEnvConfig } from '../config/loadEnvConfig';
import type { EnvConfig } from '../config/types';
import { baselineSourcesFor } from '../baseline/baselineSourcesFor';
import { createRunContext, type RunContext } from '../engine/runContext';
import { toErrorInfo } from '../errors';
import { createLocalPacer } from '../execute/pacer';
import { createRemotePacer } from '../execute/remotePacer';
import { createRunRegistryLink } from '../execute/runRegistryLink';
import type { HarnessErrorInfo } from '../model/result';
import { createPartWriter, type CaseSink, type PartWriter } from './parts';
import { handlesInThisProcess, type RunHandles } from './runHandles';
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
}

/** This process's share of a run, shared by every test file the process runs. */
interface AttachedRun {
  runId: string;
  config?: EnvConfig;
  setupError?: HarnessErrorInfo;
  context(): RunContext;
  /** In band: the session, which takes each finished case at once. */
  sink?(testFile: string): CaseSink;
  close(): Promise<void>;
}

/**
 * The one place a Jest test file joins the run: reads the state global setup published and
 * returns this process's attachment to it, made by the first test file of the run in this process
 * and shared by the next ones (the engine is loaded once per process, by the test environment):
 *
 * - **In band** (the file runs in the process that opened the session): the session's own
 *   context — its pacer, redaction registry, token providers and run signal — exactly as
 *   `parity run` runs cases. Nothing goes over loopback.
 * - **In a worker process**: the environment the parent prepared (the sandbox URLs arrive through
 *   the inherited process environment), paced through the parent's pacer when the parent serves
 *   one (a limit must hold across workers, see `needsSharedPacer`) and by a pacer of its own
 *   otherwise; secrets shared through the run's registry; the run timeout counted from global setup.
 */
export function attachWorker(testFile: string): AttachedWorker {
  const state = readRunState();
  if (!state) throw new Error('suite files run through the parity Jest config (npm test); run `npm test` or `npx parity run`');
  const run = attachRun(state);
  return {
    state,
    config: run.config,
    setupError: run.setupError,
    context: run.context,
    part: createPartWriter(state.partsDir, testFile, run.sink?.(testFile)),
  };
}

/**
 * The attachment of this process. Kept per process on purpose: it holds what a run needs once per
 * process (connections, tokens), and a new run (watch mode) replaces it.
 */
let attached: AttachedRun | undefined;

function attachRun(state: RunState): AttachedRun {
  if (attached?.runId === state.runId) return attached;
  void attached?.close();
  const handles = handlesInThisProcess(state.runId);
  attached = handles ? inBand(handles) : inWorker(state);
  return attached;
}

function inBand({ session, inProcessCases }: RunHandles): AttachedRun {
  return {
    runId: session.runId,
    config: session.config,
    setupError: session.setupError,
    // Present whenever there is no setup error, and only asked for then.
    context: () => session.context!,
    sink: (testFile) => ({
      record(result) {
        // A case that ends after the run was finished (Ctrl-C finishes it at once) is in no report.
        if (!handlesInThisProcess(session.runId)) return result;
        inProcessCases.set(testFile, (inProcessCases.get(testFile) ?? 0) + 1);
        return session.recordCase(result);
      },
    }),
    // The session closes what it opened.
    close: async () => undefined,
  };
}

function inWorker(state: RunState): AttachedRun {
  let config: EnvConfig | undefined;
  let setupError = state.setupError;
  if (!setupError) {
    try {
      config = loadEnvConfig({ root: state.root, processEnv: process.env });
    } catch (error) {
      setupError = toErrorInfo(error);
    }
  }
  let context: RunContext | undefined;
  return {
    runId: state.runId,
    config,
    setupError,
    context: () => (context ??= createWorkerContext(state, config!)),
    close: async () => {
      await context?.pacer.close();
    },
  };
}

function createWorkerContext(state: RunState, config: EnvConfig): RunContext {
  // The parent serves its pacer only when a limit must hold across the workers; otherwise this
  // process's own pacer keeps its share within the per-target caps.
  const pacer = state.pacerUrl
    ? createRemotePacer(state.pacerUrl)
    : createLocalPacer({ legacy: config.targets.legacy.rateLimit, candidate: config.targets.candidate.rateLimit });
  // A side recorded in a baseline (LEGACY_BASELINE) is answered from its files, as in `parity run`.
  const context = createRunContext({ root: state.root, config, pacer, signal: runDeadline(state, config), sources: baselineSourcesFor(config, state.root) });
  // The run's one redaction registry: what this worker registers is shared, what others registered is pulled in.
  if (state.redaction) context.redactor.attach(createRunRegistryLink(state.redaction.url, state.redaction.key));
  return context;
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
