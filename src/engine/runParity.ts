import { registerSuiteEnvSecrets } from '../execute/registerTemplateSecrets';
import path from 'node:path';
import pLimit from 'p-limit';
import type { ConfigFlags } from '../config/loadEnvConfig';
import type { CaseResult } from '../model/result';
import { discoverSuites } from '../suite/discoverSuites';
import { loadGlobalConfigOrError, loadSuites } from '../suite/loadSuites';
import { suiteLoadFailure } from '../suite/suiteLoadFailure';
import type { Suite } from '../suite/types';
import { caseForSetupError } from './caseForSetupError';
import { describeSelection } from './describeSelection';
import { loadSuiteContracts } from './checkContract';
import { runCase } from './runCase';
import { openRunSession, type ParityRunOutcome, type RunSession, type RunSessionOptions } from './runSession';
import type { SandboxFlags } from './sandboxOptions';
import { selectCases, type CaseSelection } from './selectCases';
import { shardFiles } from './shardFiles';

export type { ParityRunOutcome } from './runSession';

export interface RunParityOptions {
  root: string;
  envName?: string;
  /** Suite files, folders or globs, relative to the root (default: every suite under suites/). */
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
  /**
   * After each case: `total` counts the cases queued so far, and `more` says whether suite files
   * not yet read may add to it (loading is bounded, so a large run reads its files as it goes).
   */
  onCaseDone?: (result: CaseResult, done: number, total: number, more: boolean) => void;
  /** Check token parity (default true; skipped when the legacy side is a recorded baseline). */
  tokenParity?: boolean;
  /** Replace where a target's exchanges come from (recorded baselines, recorders). */
  sources?: RunSessionOptions['sources'];
  /**
   * What a broken environment (missing secret, unknown variable, bad baseline) does: `throw` it
   * (the library default), or `report` it — every selected case errors with it and the reports
   * are written, as `parity run` and `npm test` do.
   */
  setupErrors?: 'throw' | 'report';
  /** `false`: keep no case in memory; the returned run has `cases: []` (see RunSessionOptions). */
  retainCases?: boolean;
}

/**
 * The whole pipeline without Jest, on one run session: open → load and run each suite file →
 * finish (verdict, reports) → close. The CLI (`parity run`) and the benchmark call it; `npm test`
 * drives the same session from Jest's global setup, workers and teardown.
 */
export async function runParity(options: RunParityOptions): Promise<ParityRunOutcome> {
  const allFiles = options.files ? discoverSuites(options.root, options.files) : discoverSuites(options.root);
  const files = options.shard ? shardFiles(allFiles, options.shard) : allFiles;
  const selection = options.selection ?? {};
  const session = await openRunSession({
    root: options.root,
    ...pick(options, ['envName', 'processEnv', 'flags', 'sandbox', 'reportsDir', 'shard', 'tokenParity', 'sources', 'signal', 'retainCases']),
    narrowedBy: describeSelection({ ...selection, shard: options.shard, paths: options.files }),
  });
  try {
    if (session.setupError && options.setupErrors !== 'report') throw session.setupFailure;
    await loadAndExecute(session, files, selection, options.onCaseDone);
    return await session.finish();
  } finally {
    await session.close();
  }
}

/**
 * Cases queued ahead of the ones running, at most: enough that the workers never starve while
 * the next suite file is parsed, few enough that memory does not grow with the size of the run
 * (every queued case holds its parsed case and a closure; 50,000 of them cost ~100 MiB).
 */
export const queueAhead = (concurrency: number): number => Math.max(1_000, concurrency * 64);

/**
 * Loads suite files one at a time and queues each file's cases as soon as it is parsed, so the
 * first requests go out while later files are still being read (a large run spends a noticeable
 * share of its time parsing YAML). The queue is bounded (`queueAhead`): loading waits while it is
 * full, so a 200,000-case run holds no more parsed cases than a 2,000-case one. A file that does
 * not load is recorded and the rest go on.
 */
async function loadAndExecute(session: RunSession, files: readonly string[], selection: CaseSelection, onCaseDone: RunParityOptions['onCaseDone']): Promise<void> {
  const { root, context } = session;
  const global = loadGlobalConfigOrError(root);
  const concurrency = session.config?.run.concurrency ?? 1;
  const limit = pLimit(concurrency);
  const ahead = queueAhead(concurrency);
  const inFlight = new Set<Promise<void>>();
  let queued = 0;
  let done = 0;
  let loading = true;
  let wake: (() => void) | undefined;
  let failure: { error: unknown } | undefined;
  const room = async (): Promise<void> => {
    while (limit.pendingCount >= ahead) await new Promise<void>((resolve) => (wake = resolve));
  };
  for (const [index, file] of files.entries()) {
    // Contracts load with the suite: an unusable one is refused before any request is sent.
    const config = session.config;
    const [loaded] = loadSuites([path.resolve(root, file)], { root, global, check: config ? (suite: Suite) => loadSuiteContracts(suite, { root, config }) : undefined });
    const suite = loaded?.suite;
    if (!suite) {
      session.recordSuite(suiteLoadFailure(root, file, loaded?.error), { caseCount: 0, only: false });
      continue;
    }
    session.recordSuite({ name: suite.name, file: suite.file, sha256: suite.sha256 }, { caseCount: suite.cases.length, only: suite.cases.some((c) => c.only) });
    if (context) registerSuiteEnvSecrets(suite, context.redactor);
    const selected = selectCases([suite], selection);
    for (const [position, { testCase }] of selected.entries()) {
      await room();
      queued += 1;
      // The total is exact once the last file's cases are all queued; before, it counts those queued so far.
      if (index === files.length - 1 && position === selected.length - 1) loading = false;
      const task = limit(async () => {
        const result = session.recordCase(context ? await runCase(suite, testCase, context) : caseForSetupError(suite, testCase, session.setupError!));
        done += 1;
        onCaseDone?.(result, done, queued, loading);
      })
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => {
          inFlight.delete(task);
          if (wake && limit.pendingCount < ahead / 2) {
            const resume = wake;
            wake = undefined;
            resume();
          }
        });
      inFlight.add(task);
    }
    // Let queued cases start before the next file is parsed.
    await new Promise((resolve) => setImmediate(resolve));
  }
  loading = false;
  while (inFlight.size > 0) await Promise.all(inFlight);
  if (failure) throw failure.error;
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.filter((key) => value[key] !== undefined).map((key) => [key, value[key]])) as Pick<T, K>;
}
