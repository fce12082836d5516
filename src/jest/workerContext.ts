import { loadEnvConfig } from '../config/loadEnvConfig';
import type { EnvConfig } from '../config/types';
import { baselineSourcesFor } from '../baseline/baselineSourcesFor';
import { createRunContext, type RunContext } from '../engine/runContext';
import { createLocalPacer } from '../execute/pacer';
import { createRemotePacer } from '../execute/remotePacer';
import { createRunRegistryLink } from '../execute/runRegistryLink';
import type { RunState } from './runState';

/**
 * One run context per test file (Jest gives each file its own module registry). The env was
 * prepared by global setup; the sandbox URLs arrive through the inherited process environment,
 * and pacing goes through the parent's pacer so quotas hold across all workers together.
 */
export function loadWorkerConfig(state: RunState): EnvConfig {
  return loadEnvConfig({ root: state.root, processEnv: process.env });
}

export function createWorkerContext(state: RunState, config: EnvConfig): RunContext {
  const pacer = state.pacerUrl
    ? createRemotePacer(state.pacerUrl)
    : createLocalPacer({ legacy: config.targets.legacy.rateLimit, candidate: config.targets.candidate.rateLimit });
  // A side recorded in a baseline (LEGACY_BASELINE) is answered from its files, as in `parity run`.
  const context = createRunContext({ root: state.root, config, pacer, signal: runDeadline(state, config), sources: baselineSourcesFor(config, state.root) });
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
