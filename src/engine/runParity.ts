import { registerSuiteEnvSecrets } from '../execute/registerTemplateSecrets';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pLimit from 'p-limit';
import type { ConfigFlags } from '../config/loadEnvConfig';
import { createLocalPacer } from '../execute/pacer';
import { closeHttpAgents } from '../execute/sendRequest';
import type { CaseResult, RunResult, SuiteInfo, TargetName } from '../model/result';
import { baselineSourcesFor } from '../baseline/baselineSourcesFor';
import { writeReports } from '../report/writeReports';
import { discoverSuites } from '../suite/discoverSuites';
import { loadGlobalConfig } from '../suite/loadGlobalConfig';
import { loadSuiteFile } from '../suite/loadSuiteFile';
import { suiteLoadFailure } from '../suite/suiteLoadFailure';
import type { Suite } from '../suite/types';
import { buildRunResult } from './buildRunResult';
import { checkTokenParity } from './checkTokenParity';
import { startEnvironment } from './environment';
import type { ExchangeSource } from './exchangeSource';
import { runCase } from './runCase';
import { createRunContext, type RunContext } from './runContext';
import type { SandboxFlags } from './sandboxOptions';
import { selectCases, type CaseSelection } from './selectCases';
import { shardFiles } from './shardFiles';

export interface RunParityOptions {
  root: string;
  envName?: string;
  /** Suite files (default: every suite under suites/). */
  files?: string[];
  flags?: ConfigFlags;
  sandbox?: SandboxFlags;
  selection?: CaseSelection;
  shard?: { index: number; count: number };
  /** Write reports into this directory (default: the env's reports dir). `false` = don't write. */
  reportsDir?: string | false;
  processEnv?: NodeJS.ProcessEnv;
  /** Aborting it ends the run early: in-flight cases become `interrupted`, reports are still written. */
  signal?: AbortSignal;
  onCaseDone?: (result: CaseResult, done: number, total: number) => void;
  /** Check token parity (default true; skipped when the legacy side is a recorded baseline). */
  tokenParity?: boolean;
  /** Replace where a target's exchanges come from (recorded baselines, recorders). */
  sources?: (context: { config: RunContext['config'] }) => Partial<Record<TargetName, ExchangeSource>>;
}

export interface ParityRunOutcome {
  run: RunResult;
  reportFiles: string[];
}

/**
 * The whole pipeline without Jest: load → plan → execute → compare → verdict → report. The CLI
 * (`parity run`) and the benchmark call it; `npm test` runs the same engine through Jest.
 */
export async function runParity(options: RunParityOptions): Promise<ParityRunOutcome> {
  const startedAt = new Date();
  const environment = await startEnvironment({
    root: options.root,
    ...(options.envName ? { envName: options.envName } : {}),
    ...(options.processEnv ? { processEnv: options.processEnv } : {}),
    ...(options.flags ? { flags: options.flags } : {}),
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
  });
  const { config } = environment;
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  const runTimer = config.run.runTimeoutMs > 0 ? setTimeout(abort, config.run.runTimeoutMs) : undefined;
  const pacer = createLocalPacer({ legacy: config.targets.legacy.rateLimit, candidate: config.targets.candidate.rateLimit });
  try {
    // Inside the try: a baseline that fails its checksums throws here, and the sandbox must still close.
    // Without caller sources, a side with `*_BASELINE` set (LEGACY_BASELINE, --legacy-baseline) is replayed.
    const sources = options.sources ? options.sources({ config }) : baselineSourcesFor(config, options.root);
    const context = createRunContext({ root: options.root, config, pacer, signal: controller.signal, sources });
    const allFiles = options.files ?? discoverSuites(options.root);
    const files = options.shard ? shardFiles(allFiles, options.shard) : allFiles;
    const [{ cases, infos }, tokenParity] = await Promise.all([
      loadAndExecute(options.root, files, options.selection ?? {}, context, options.onCaseDone),
      options.tokenParity !== false && context.sources.legacy.kind === 'live' ? checkTokenParity(context) : undefined,
    ]);
    for (const source of Object.values(context.sources)) await source.finish?.();
    // A secret registered after a case ended (a later suite's {{env.*}} value, a later capture)
    // may be echoed in that case's record: such cases are redacted again before any report.
    const latest = context.redactor.version;
    const redacted = cases.map((result) => ((redactedAt.get(result) ?? -1) < latest ? context.redactor.redactRecord(result) : result));
    const run = buildRunResult({
      root: options.root,
      runId: randomUUID(),
      startedAt,
      finishedAt: new Date(),
      config,
      envName: config.name,
      suites: infos,
      cases: redacted,
      ...(tokenParity ? { tokenParity } : {}),
      ...(options.shard ? { shard: options.shard } : {}),
      interrupted: controller.signal.aborted,
    });
    const dir = options.reportsDir === false ? undefined : path.resolve(options.root, options.reportsDir ?? config.run.reportsDir);
    const reportFiles = dir ? await writeReports(run, dir) : [];
    return { run, reportFiles };
  } finally {
    if (runTimer) clearTimeout(runTimer);
    options.signal?.removeEventListener('abort', abort);
    await pacer.close();
    await closeHttpAgents();
    await environment.close();
  }
}

/**
 * Loads suite files one at a time and queues each file's cases as soon as it is parsed, so the
 * first requests go out while later files are still being read (a large run spends a noticeable
 * share of its time parsing YAML). A file that does not load is recorded and the rest go on.
 */
/** The registry version each case result was last redacted with. */
const redactedAt = new WeakMap<CaseResult, number>();

async function loadAndExecute(
  root: string,
  files: readonly string[],
  selection: CaseSelection,
  context: RunContext,
  onCaseDone: RunParityOptions['onCaseDone'],
): Promise<{ cases: CaseResult[]; infos: SuiteInfo[] }> {
  const global = loadGlobalConfig(root);
  const limit = pLimit(context.config.run.concurrency);
  const infos: SuiteInfo[] = [];
  const pending: Array<Promise<CaseResult>> = [];
  let done = 0;
  for (const file of files) {
    const absolute = path.resolve(root, file);
    let suite: Suite;
    try {
      suite = loadSuiteFile(absolute, { root, ...global });
    } catch (error) {
      infos.push(suiteLoadFailure(root, absolute, error));
      continue;
    }
    infos.push({ name: suite.name, file: suite.file, sha256: suite.sha256 });
    registerSuiteEnvSecrets(suite, context.redactor);
    for (const { testCase } of selectCases([suite], selection)) {
      pending.push(
        limit(async () => {
          const result = await runCase(suite, testCase, context);
          redactedAt.set(result, context.redactor.version);
          done += 1;
          // The total grows while files are still being read; it is exact once all are loaded.
          onCaseDone?.(result, done, pending.length);
          return result;
        }),
      );
    }
    // Let queued cases start before the next file is parsed.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { cases: await Promise.all(pending), infos };
}
