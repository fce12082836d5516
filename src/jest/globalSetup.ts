import type { Config } from '@jest/types';
import os from 'node:os';
import path from 'node:path';
import { describeSelection } from '../engine/describeSelection';
import { parseTags } from '../engine/parseTags';
import { openRunSession } from '../engine/runSession';
import { finishJestRun } from './finishJestRun';
import { publishRunState, readRunState } from './runState';
import { setRunHandles, takeRunHandles } from './runHandles';

/**
 * Runs once in Jest's parent process before any suite: opens the run session (environment and
 * sandbox, the pacer — served to the workers when a limit must hold across them — and the
 * redaction registry, token parity) and publishes it to the test files, which attach to it
 * (`attachWorker`). A broken environment does not abort Jest: every case reports it
 * as its error and the reports are still written. Ctrl-C and SIGTERM finish the run as
 * interrupted — reports from every case that finished — before Jest is let go.
 */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  const root = globalConfig.rootDir;
  const shard = globalConfig.shard ? { index: globalConfig.shard.shardIndex, count: globalConfig.shard.shardCount } : undefined;
  const tags = parseTags(process.env.PARITY_TAGS);
  const paths = globalConfig.testPathPatterns.isSet() ? globalConfig.testPathPatterns.patterns : [];
  const session = await openRunSession({
    root,
    processEnv: process.env,
    // Up to maxWorkers processes, each running up to maxConcurrency concurrent tests (cases).
    pacing: { processes: globalConfig.maxWorkers, casesEach: globalConfig.maxConcurrency },
    // Every case is streamed to the reports directory and read back from there, as in `parity run`.
    retainCases: false,
    shard,
    narrowedBy: [
      ...describeSelection({ paths, grep: globalConfig.testNamePattern, tags, shard }),
      ...(globalConfig.onlyChanged || globalConfig.changedSince ? ['changed files only (-o / --changedSince)'] : []),
    ],
  });
  Object.assign(process.env, session.overlay);
  publishRunState({
    root,
    runId: session.runId,
    startedAt: session.startedAt.toISOString(),
    partsDir: path.join(os.tmpdir(), 'parity-parts', session.runId),
    pacerUrl: session.pacerUrl,
    redaction: session.redaction,
    setupError: session.setupError,
    testNamePattern: globalConfig.testNamePattern,
  });
  const onSignal = (signal: NodeJS.Signals): void => {
    const handles = takeRunHandles();
    if (!handles) return;
    process.stderr.write(`\nparity: ${signal} received, writing the reports of the cases that finished (again to force)\n`);
    handles.session.interrupt();
    const state = readRunState();
    const stop = () => {
      handles.removeSignalHandlers();
      // Jest has no way to stop a run from outside: end as the signal would have.
      process.kill(process.pid, signal);
    };
    if (!state) return stop();
    finishJestRun(handles, state).then(stop, (error: unknown) => {
      process.stderr.write(`parity: the interrupted reports could not be written: ${String(error)}\n`);
      stop();
    });
  };
  const removeSignalHandlers = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  setRunHandles({ session, bail: globalConfig.bail, removeSignalHandlers, inProcessCases: new Map() });
}
