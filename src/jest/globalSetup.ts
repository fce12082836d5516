import type { Config } from '@jest/types';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { toErrorInfo } from '../errors';
import { startEnvironment } from '../engine/environment';
import { startPacerServer } from '../execute/pacerServer';
import { startRedactionServer } from '../execute/redactionServer';
import { publishRunState } from './runState';
import { setRunHandles } from './runHandles';

/**
 * Runs once in Jest's parent process before any suite: prepares the environment (and the
 * sandbox, when that is the environment), starts the cross-worker pacer so quotas hold across
 * Jest workers, and publishes the run state to the workers. A broken environment does not abort
 * Jest: it is handed to every case as its error, so the reports still get written.
 */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  const root = globalConfig.rootDir;
  const runId = randomUUID();
  const startedAt = new Date().toISOString();
  const partsDir = path.join(os.tmpdir(), 'parity-parts', runId);
  const shard = globalConfig.shard ? { index: globalConfig.shard.shardIndex, count: globalConfig.shard.shardCount } : undefined;
  try {
    const environment = await startEnvironment({ root });
    Object.assign(process.env, environment.overlay);
    const { legacy, candidate } = environment.config.targets;
    const pacer = await startPacerServer({ legacy: legacy.rateLimit, candidate: candidate.rateLimit });
    // One redaction registry for the run: each worker's tokens are hidden in every worker's output.
    const redaction = await startRedactionServer();
    setRunHandles({ environment, pacer, redaction, shard, startedAt: new Date(startedAt) });
    publishRunState({ root, runId, startedAt, partsDir, pacerUrl: pacer.url, redaction: { url: redaction.url, key: redaction.key } });
  } catch (error) {
    setRunHandles({ setupError: toErrorInfo(error), shard, startedAt: new Date(startedAt) });
    publishRunState({ root, runId, startedAt, partsDir, setupError: toErrorInfo(error) });
  }
}
