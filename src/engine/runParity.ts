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
  onCaseDone?: (result: CaseResult, done: number, total: number) => void;
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
    ...pick(options, ['envName', 'processEnv', 'flags', 'sandbox', 'reportsDir', 'shard', 'tokenParity', 'sources', 'signal']),
    narrowedBy: describeSelection({ ...selection, ...(options.shard ? { shard: options.shard } : {}), ...(options.files ? { paths: options.files } : {}) }),
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
 * Loads suite files one at a time and queues each file's cases as soon as it is parsed, so the
 * first requests go out while later files are still being read (a large run spends a noticeable
 * share of its time parsing YAML). A file that does not load is recorded and the rest go on.
 */
async function loadAndExecute(session: RunSession, files: readonly string[], selection: CaseSelection, onCaseDone: RunParityOptions['onCaseDone']): Promise<void> {
  const { root, context } = session;
  const global = loadGlobalConfigOrError(root);
  const limit = pLimit(session.config?.run.concurrency ?? 1);
  const pending: Array<Promise<void>> = [];
  let done = 0;
  for (const file of files) {
    // Contracts load with the suite: an unusable one is refused before any request is sent.
    const config = session.config;
    const [loaded] = loadSuites([path.resolve(root, file)], { root, global, ...(config ? { check: (suite: Suite) => loadSuiteContracts(suite, { root, config }) } : {}) });
    const suite = loaded?.suite;
    if (!suite) {
      session.recordSuite(suiteLoadFailure(root, file, loaded?.error), { caseCount: 0, only: false });
      continue;
    }
    session.recordSuite({ name: suite.name, file: suite.file, sha256: suite.sha256 }, { caseCount: suite.cases.length, only: suite.cases.some((c) => c.only) });
    for (const { testCase } of selectCases([suite], selection)) {
      pending.push(
        limit(async () => {
          const result = session.recordCase(context ? await runCase(suite, testCase, context) : caseForSetupError(suite, testCase, session.setupError!));
          done += 1;
          // The total grows while files are still being read; it is exact once all are loaded.
          onCaseDone?.(result, done, pending.length);
        }),
      );
    }
    // Let queued cases start before the next file is parsed.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(pending);
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.filter((key) => value[key] !== undefined).map((key) => [key, value[key]])) as Pick<T, K>;
}
