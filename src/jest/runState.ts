import type { HarnessErrorInfo } from '../model/result';

/**
 * What Jest's global setup hands to the test files. Jest workers are separate processes that
 * inherit the parent's environment at start, so the hand-over is a set of variables.
 */
export interface RunState {
  root: string;
  runId: string;
  startedAt: string;
  partsDir: string;
  pacerUrl?: string;
  /** The run-wide redaction registry (`startRedactionServer`) and the key it asks for. */
  redaction?: { url: string; key: string };
  /** Set when the environment could not be prepared: every case reports it as its error. */
  setupError?: HarnessErrorInfo;
  /** Jest's `-t`, so workers select `skip:` cases exactly as `parity run -t` does. */
  testNamePattern?: string;
}

const keys = {
  root: 'PARITY_ROOT',
  runId: 'PARITY_RUN_ID',
  startedAt: 'PARITY_RUN_STARTED',
  partsDir: 'PARITY_PARTS_DIR',
  pacerUrl: 'PARITY_PACER_URL',
  redactionUrl: 'PARITY_REDACTION_URL',
  redactionKey: 'PARITY_REDACTION_KEY',
  setupError: 'PARITY_SETUP_ERROR',
  testNamePattern: 'PARITY_TEST_NAME_PATTERN',
} as const;

export function publishRunState(state: RunState, env: NodeJS.ProcessEnv = process.env): void {
  env[keys.root] = state.root;
  env[keys.runId] = state.runId;
  env[keys.startedAt] = state.startedAt;
  env[keys.partsDir] = state.partsDir;
  if (state.pacerUrl) env[keys.pacerUrl] = state.pacerUrl;
  if (state.redaction) {
    env[keys.redactionUrl] = state.redaction.url;
    env[keys.redactionKey] = state.redaction.key;
  }
  if (state.setupError) env[keys.setupError] = JSON.stringify(state.setupError);
  if (state.testNamePattern) env[keys.testNamePattern] = state.testNamePattern;
}

/** The state published by global setup; undefined when the file runs outside `npm test`. */
export function readRunState(env: NodeJS.ProcessEnv = process.env): RunState | undefined {
  const root = env[keys.root];
  const runId = env[keys.runId];
  const partsDir = env[keys.partsDir];
  if (!root || !runId || !partsDir) return undefined;
  const setupError = env[keys.setupError];
  const redactionUrl = env[keys.redactionUrl];
  const redactionKey = env[keys.redactionKey];
  return {
    root,
    runId,
    partsDir,
    startedAt: env[keys.startedAt] ?? new Date().toISOString(),
    // An empty variable is unset, as publishRunState never writes one.
    pacerUrl: env[keys.pacerUrl] || undefined,
    redaction: redactionUrl && redactionKey ? { url: redactionUrl, key: redactionKey } : undefined,
    setupError: setupError ? (JSON.parse(setupError) as HarnessErrorInfo) : undefined,
    testNamePattern: env[keys.testNamePattern] || undefined,
  };
}

export function clearRunState(env: NodeJS.ProcessEnv = process.env): void {
  for (const key of Object.values(keys)) delete env[key];
}
