import { randomUUID } from 'node:crypto';
import type { ConfigFlags } from '../config/loadEnvConfig';
import type { EnvConfig } from '../config/types';
import { baselineSourcesFor } from '../baseline/baselineSourcesFor';
import { toErrorInfo } from '../errors';
import { createLocalPacer } from '../execute/pacer';
import { startPacerServer, type PacerServer } from '../execute/pacerServer';
import { createRemotePacer } from '../execute/remotePacer';
import { closeHttpAgents } from '../execute/sendRequest';
import type { Pacer } from '../execute/types';
import type { CaseResult, HarnessErrorInfo, RunResult, SuiteInfo, TargetName, TokenParityResult } from '../model/result';
import { writeReports } from '../report/writeReports';
import { buildRunResult } from './buildRunResult';
import { checkTokenParity } from './checkTokenParity';
import { countSuiteSet } from './countSuiteSet';
import { startEnvironment, type StartedEnvironment } from './environment';
import type { ExchangeSource } from './exchangeSource';
import { describePartialRun } from './partialRun';
import { reportsDirFor } from './reportsDirFor';
import { createRunContext, type RunContext } from './runContext';
import type { SandboxFlags } from './sandboxOptions';
import { guardCase } from './serializeCase';

export interface RunSessionOptions {
  root: string;
  envName?: string;
  processEnv?: NodeJS.ProcessEnv;
  flags?: ConfigFlags;
  sandbox?: SandboxFlags;
  /** Write reports into this directory (default: `--reports` > PARITY_REPORTS_DIR > env file > reports). `false` = don't write. */
  reportsDir?: string | false;
  shard?: { index: number; count: number };
  /** What the shell narrowed the selection by, one phrase each (`-t "…"`, `--tag orders`, `--shard 1/2`). */
  narrowedBy?: string[];
  /** Check token parity (default true; skipped when the legacy side is not live). */
  tokenParity?: boolean;
  /** Replace where a target's exchanges come from (recorded baselines, recorders). */
  sources?: (context: { config: EnvConfig }) => Partial<Record<TargetName, ExchangeSource>>;
  /** Aborting it ends the run early: in-flight cases become `interrupted`, reports are still written. */
  signal?: AbortSignal;
  /**
   * `local`: every case runs in this process. `shared`: the pacer is also served on loopback so
   * other processes (Jest workers) attach to it and quotas hold across all of them.
   */
  pacing?: 'local' | 'shared';
}

export interface ParityRunOutcome {
  run: RunResult;
  reportFiles: string[];
  /** Why the environment could not be prepared, when it could not (every case then carries it). */
  setupError?: HarnessErrorInfo;
}

/** How a suite file took part in the run: how many cases it holds and whether `only:` narrowed it. */
export interface SuiteParticipation {
  caseCount: number;
  only: boolean;
}

/**
 * One parity run, whichever shell drives it: open (environment, sandbox, pacer, token parity) →
 * record each suite and each finished case → finish (partial-run marking, the verdict decided once,
 * the reports written in one place) → close. `parity run` opens, loops and finishes in one process;
 * under Jest the global setup opens it, each worker attaches (`attachWorker`) and the teardown
 * feeds the workers' results through `recordCase` and finishes.
 */
export interface RunSession {
  readonly root: string;
  readonly runId: string;
  readonly startedAt: Date;
  /** Absent when the environment could not be prepared; then `setupError` says why. */
  readonly config?: EnvConfig;
  readonly setupError?: HarnessErrorInfo;
  /** What was thrown while preparing it, as thrown (library callers rethrow it). */
  readonly setupFailure?: unknown;
  /** Variables the sandbox supplied (token and API URLs): processes that attach need them too. */
  readonly overlay: Record<string, string>;
  /** Loopback URL of the shared pacer (`pacing: 'shared'`). */
  readonly pacerUrl?: string;
  /** The context cases of this process run in; absent when the environment could not be prepared. */
  readonly context?: RunContext;
  /** Aborted on interruption or at the run timeout. */
  readonly signal: AbortSignal;
  recordSuite(info: SuiteInfo, participation: SuiteParticipation): void;
  /** The one door every finished case passes through; returns the result as recorded. */
  recordCase(result: CaseResult): CaseResult;
  /** Something stopped the run before its whole selection ran (`--bail`). */
  cutShort(reason: string): void;
  interrupt(): void;
  /** Builds the run result (verdict decided once, partial run marked) and writes every report. */
  finish(extra?: { warnings?: string[] }): Promise<ParityRunOutcome>;
  close(): Promise<void>;
}

export async function openRunSession(options: RunSessionOptions): Promise<RunSession> {
  const startedAt = new Date();
  const processEnv = options.processEnv ?? process.env;
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  let timedOut = false;
  let runTimer: NodeJS.Timeout | undefined;
  let environment: StartedEnvironment | undefined;
  let pacerServer: PacerServer | undefined;
  let pacer: Pacer | undefined;
  let context: RunContext | undefined;
  let setupError: HarnessErrorInfo | undefined;
  let setupFailure: unknown;
  let tokenParity: Promise<TokenParityResult> | undefined;
  try {
    environment = await startEnvironment({
      root: options.root,
      processEnv,
      ...(options.envName ? { envName: options.envName } : {}),
      ...(options.flags ? { flags: options.flags } : {}),
      ...(options.sandbox ? { sandbox: options.sandbox } : {}),
    });
    const { config } = environment;
    if (config.run.runTimeoutMs > 0) {
      runTimer = setTimeout(() => {
        timedOut = true;
        abort();
      }, config.run.runTimeoutMs);
      runTimer.unref();
    }
    const limits = { legacy: config.targets.legacy.rateLimit, candidate: config.targets.candidate.rateLimit };
    if (options.pacing === 'shared') pacerServer = await startPacerServer(limits);
    pacer = pacerServer ? createRemotePacer(pacerServer.url) : createLocalPacer(limits);
    // A baseline that fails its checksums throws here: an error of the run, told in its reports.
    const sources = options.sources ? options.sources({ config }) : baselineSourcesFor(config, options.root);
    context = createRunContext({ root: options.root, config, pacer, signal: controller.signal, sources });
    // Both token endpoints, once per run, while the cases run; a recorded legacy has none to ask.
    if (options.tokenParity !== false && context.sources.legacy.kind === 'live') tokenParity = checkTokenParity(context);
  } catch (error) {
    setupError = toErrorInfo(error);
    setupFailure = error;
  }

  const suites = new Map<string, SuiteInfo>();
  const participation = new Map<string, SuiteParticipation>();
  const cases: CaseResult[] = [];
  const cutShortBy: string[] = [];
  const config = environment?.config;
  let closed = false;

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    if (runTimer) clearTimeout(runTimer);
    options.signal?.removeEventListener('abort', abort);
    await pacer?.close();
    await pacerServer?.close();
    await closeHttpAgents();
    await environment?.close();
  };

  const finish = async (extra: { warnings?: string[] } = {}): Promise<ParityRunOutcome> => {
    const token = tokenParity ? await tokenParity : undefined;
    if (context) for (const source of Object.values(context.sources)) await source.finish?.();
    const only = [...participation].filter(([, p]) => p.only).map(([file]) => `only: in ${file}`);
    const totalCases = countSuiteSet(options.root, participation);
    const partial = describePartialRun({
      selectedCases: cases.length,
      totalCases,
      narrowedBy: [...(options.narrowedBy ?? []), ...only],
      cutShortBy: [...cutShortBy, ...(timedOut ? ['the run timeout (PARITY_RUN_TIMEOUT_MS)'] : [])],
    });
    const warnings = [...(setupError ? [`The environment could not be prepared: ${setupError.message}`] : []), ...(extra.warnings ?? [])];
    const run = buildRunResult({
      root: options.root,
      runId,
      startedAt,
      finishedAt: new Date(),
      ...(config ? { config } : {}),
      envName: config?.name ?? options.envName ?? processEnv.PARITY_ENV ?? 'sandbox',
      suites: [...suites.values()],
      cases,
      ...(token ? { tokenParity: token } : {}),
      ...(options.shard ? { shard: options.shard } : {}),
      interrupted: controller.signal.aborted,
      ...(partial ? { partial } : {}),
      warnings,
    });
    const dir = options.reportsDir === false ? undefined : reportsDirFor(options.root, { config, processEnv, ...(options.reportsDir ? { flag: options.reportsDir } : {}) });
    const reportFiles = dir ? await writeReports(run, dir) : [];
    return { run, reportFiles, ...(setupError ? { setupError } : {}) };
  };

  const runId = randomUUID();
  return {
    root: options.root,
    runId,
    startedAt,
    ...(config ? { config } : {}),
    ...(setupError ? { setupError, setupFailure } : {}),
    overlay: environment?.overlay ?? {},
    ...(pacerServer ? { pacerUrl: pacerServer.url } : {}),
    ...(context ? { context } : {}),
    signal: controller.signal,
    recordSuite(info, how) {
      suites.set(info.file, info);
      participation.set(info.file, how);
    },
    recordCase(result) {
      const recorded = guardCase(result);
      cases.push(recorded);
      return recorded;
    },
    cutShort(reason) {
      cutShortBy.push(reason);
    },
    interrupt: abort,
    finish,
    close,
  };
}
