import { randomUUID } from 'node:crypto';
import type { ConfigFlags } from '../config/loadEnvConfig';
import type { EnvConfig } from '../config/types';
import { baselineSourcesFor } from '../baseline/baselineSourcesFor';
import { toErrorInfo } from '../errors';
import { createLocalPacer } from '../execute/pacer';
import { needsSharedPacer, type CaseProcesses } from '../execute/needsSharedPacer';
import { startPacerServer, type PacerServer } from '../execute/pacerServer';
import { startRedactionServer, type RedactionServer } from '../execute/redactionServer';
import { closeHttpAgents } from '../execute/sendRequest';
import type { Pacer } from '../execute/types';
import type { CaseResult, HarnessErrorInfo, RunResult, SuiteInfo, TargetName, TokenParityResult } from '../model/result';
import { openResultsStream, type ResultsStream } from '../report/resultsStream';
import { readStreamedCases } from '../report/readStreamedCases';
import { tallyDigest } from '../report/summarizeDigests';
import { SummaryTally } from '../report/summaryTally';
import { redactResultsStream } from '../report/redactResultsStream';
import { writeStreamedReports } from '../report/writeReports';
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
  /**
   * Keep every case result in memory for the returned `run.cases` (default true). With `false`
   * each case lives only in the reports directory's cases.ndjson once recorded, the returned run
   * has `cases: []`, and memory stays flat however many cases run (needs a reports directory).
   */
  retainCases?: boolean;
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
   * `local` (default): every case runs in this process. `{ processes, casesEach }`: other
   * processes (Jest workers) run cases too. The run's redaction registry is then served to them on
   * loopback, and so is this process's pacer when a limit must hold across them
   * (`needsSharedPacer`); without one, each process paces its own requests and no request waits
   * for a lease over loopback. Cases run in this process always use its pacer directly.
   */
  pacing?: 'local' | CaseProcesses;
}

export interface ParityRunOutcome {
  run: RunResult;
  reportFiles: string[];
  /**
   * The failed and errored cases in report order, read anew on each call: from memory when the
   * run kept its cases, else one at a time from the streamed results in the reports directory.
   */
  failing(): AsyncIterable<CaseResult> | Iterable<CaseResult>;
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
  /** Loopback URL of the pacer, served when other processes run cases and a limit must hold across them. */
  readonly pacerUrl?: string;
  /** The run's redaction registry served on loopback when other processes run cases: workers attach with the key. */
  readonly redaction?: { url: string; key: string };
  /** The context cases of this process run in; absent when the environment could not be prepared. */
  readonly context?: RunContext;
  /** Aborted on interruption or at the run timeout. */
  readonly signal: AbortSignal;
  recordSuite(info: SuiteInfo, participation: SuiteParticipation): void;
  /**
   * The one door every finished case passes through; returns the result as recorded. A case run
   * in `another process` (a Jest worker) was redacted there with what that process knew: it goes
   * through the run's full registry again before any report.
   */
  recordCase(result: CaseResult, from?: 'this process' | 'another process'): CaseResult;
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
  let redactionServer: RedactionServer | undefined;
  let pacer: Pacer | undefined;
  let context: RunContext | undefined;
  let setupError: HarnessErrorInfo | undefined;
  let setupFailure: unknown;
  let tokenParity: Promise<TokenParityResult> | undefined;
  try {
    environment = await startEnvironment({
      root: options.root,
      processEnv,
      envName: options.envName,
      flags: options.flags,
      sandbox: options.sandbox,
    });
    const { config } = environment;
    if (config.run.runTimeoutMs > 0) {
      runTimer = setTimeout(() => {
        timedOut = true;
        abort();
      }, config.run.runTimeoutMs);
      runTimer.unref();
    }
    pacer = createLocalPacer({ legacy: config.targets.legacy.rateLimit, candidate: config.targets.candidate.rateLimit });
    const others = options.pacing === undefined || options.pacing === 'local' ? undefined : options.pacing;
    if (others && needsSharedPacer(config.targets, others)) pacerServer = await startPacerServer(pacer);
    // A baseline that fails its checksums throws here: an error of the run, told in its reports.
    const sources = options.sources ? options.sources({ config }) : baselineSourcesFor(config, options.root);
    context = createRunContext({ root: options.root, config, pacer, signal: controller.signal, sources });
    // One registry for the run: this context's redactor, served to the processes that attach, so
    // a token one Jest worker was issued is hidden in every other worker's output too.
    if (others) redactionServer = await startRedactionServer(context.redactor);
    // Both token endpoints, once per run, while the cases run; a recorded legacy has none to ask.
    // An API key (api_key grant) is not a token: there is nothing to compare.
    const apiKeys = config.targets.legacy.auth.kind === 'api_key' || config.targets.candidate.auth.kind === 'api_key';
    if (options.tokenParity !== false && context.sources.legacy.kind === 'live' && !apiKeys) tokenParity = checkTokenParity(context);
  } catch (error) {
    setupError = toErrorInfo(error);
    setupFailure = error;
  }

  const suites = new Map<string, SuiteInfo>();
  const participation = new Map<string, SuiteParticipation>();
  const cases: CaseResult[] = [];
  let recordedCount = 0;
  /** Every streamed case counted as it is written, so a run that keeps none in memory needs no second pass to summarise. */
  const tally = new SummaryTally();
  /** The registry version when the first case was streamed: anything registered after it may hide in the stream. */
  let firstStreamedAt: number | undefined;
  /** Whether a case run in another process was streamed: the stream then goes through the full registry. */
  let fromOtherProcesses = false;
  const cutShortBy: string[] = [];
  const config = environment?.config;
  let closed = false;
  // Every recorded case goes to cases.ndjson at once, so a run killed half-way keeps it on disk.
  // An empty `--reports ""` names no directory: the environment's one applies.
  const reportsDir = options.reportsDir === false ? undefined : reportsDirFor(options.root, { config, processEnv, flag: options.reportsDir || undefined });
  const retain = options.retainCases !== false || reportsDir === undefined;
  let stream: ResultsStream | undefined;
  const streamFor = (): ResultsStream | undefined => (stream ??= reportsDir ? openResultsStream(reportsDir, { runId, startedAt: startedAt.toISOString() }) : undefined);

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    if (runTimer) clearTimeout(runTimer);
    options.signal?.removeEventListener('abort', abort);
    await pacer?.close();
    await pacerServer?.close();
    await redactionServer?.close();
    await closeHttpAgents();
    await environment?.close();
  };

  const finish = async (extra: { warnings?: string[] } = {}): Promise<ParityRunOutcome> => {
    const token = tokenParity ? await tokenParity : undefined;
    if (context) for (const source of Object.values(context.sources)) await source.finish?.();
    const only = [...participation].filter(([, p]) => p.only).map(([file]) => `only: in ${file}`);
    const totalCases = countSuiteSet(options.root, participation);
    const partial = describePartialRun({
      selectedCases: recordedCount,
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
      config,
      envName: config?.name ?? options.envName ?? processEnv.PARITY_ENV ?? 'sandbox',
      suites: [...suites.values()],
      cases: redactedAgain(cases),
      tokenParity: token,
      shard: options.shard,
      interrupted: controller.signal.aborted,
      partial,
      warnings,
    });
    let reportFiles: string[] = [];
    let finished = run;
    const sink = streamFor();
    if (sink && reportsDir) {
      if (!retain) {
        // No case in memory: the run is counted from the digests as they were streamed (the same rule as summarize).
        finished = { ...run, summary: tally.finish({ suites: run.suites, tokenParity: run.tokenParity, interrupted: run.interrupted }) };
      }
      sink.end(finished);
      sink.close();
      // Cases from Jest workers, or cases streamed before a later secret was registered, go through the full registry.
      const redactor = context?.redactor;
      if (redactor && firstStreamedAt !== undefined && (fromOtherProcesses || redactor.version > firstStreamedAt)) await redactResultsStream(sink.file, redactor);
      reportFiles = await writeStreamedReports(reportsDir);
    }
    // Read back from disk only when something failed: a passing run of 50,000 cases is not scanned again.
    const anyFailing = finished.summary.failed + finished.summary.errors > 0;
    const failing = retain || !reportsDir || !anyFailing ? () => finished.cases.filter(isFailing) : () => readStreamedCases(reportsDir, isFailing);
    return { run: finished, reportFiles, failing, setupError };
  };

  /** The registry version each case recorded from this process was last redacted with. */
  const redactedAt = new WeakMap<CaseResult, number>();
  /**
   * A secret registered after a case ended (a later suite's {{env.*}} value, a later capture, a
   * token of another worker) may be echoed in that case's record: redacted again before any
   * report. Cases from other processes (Jest workers) have no version here: they go through the
   * run's full registry.
   */
  const redactedAgain = (all: CaseResult[]): CaseResult[] => {
    const redactor = context?.redactor;
    if (!redactor) return all;
    return all.map((c) => redactor.redactRecordSince(c, redactedAt.get(c) ?? 0));
  };

  const runId = randomUUID();
  return {
    root: options.root,
    runId,
    startedAt,
    config,
    setupError,
    setupFailure,
    overlay: environment?.overlay ?? {},
    pacerUrl: pacerServer?.url,
    redaction: redactionServer ? { url: redactionServer.url, key: redactionServer.key } : undefined,
    context,
    signal: controller.signal,
    recordSuite(info, how) {
      suites.set(info.file, info);
      participation.set(info.file, how);
    },
    recordCase(result, from = 'this process') {
      const recorded = guardCase(result);
      if (context) {
        if (from === 'this process') redactedAt.set(recorded, context.redactor.version);
        else fromOtherProcesses = true;
        firstStreamedAt ??= context.redactor.version;
      }
      recordedCount += 1;
      const digest = streamFor()?.record(recorded);
      if (digest) tallyDigest(tally, digest);
      if (retain) cases.push(recorded);
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

/** A case the failure summary tells: failed (regressions) or errored (the harness). */
export const isFailing = (result: { status: CaseResult['status'] }): boolean => result.status === 'failed' || result.status === 'error';
