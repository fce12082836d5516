import { describeBaseline } from '../baseline/describeBaseline';
import { describeTargets } from '../config/describeTargets';
import type { EnvConfig } from '../config/types';
import { RESULT_SCHEMA_VERSION, type CaseResult, type PartialRun, type RunResult, type SuiteInfo, type TokenParityResult } from '../model/result';
import { summarize } from '../report/summarize';
import { adviseThrottling } from './adviseThrottling';
import { throttlingWarnings } from './throttlingWarnings';
import { gitInfo } from './gitInfo';
import { harnessVersion } from './harnessVersion';
import { partialRunWarning } from './partialRun';

export interface RunPieces {
  root: string;
  runId: string;
  startedAt: Date;
  finishedAt: Date;
  /** Absent when the environment itself could not be loaded (then every case carries that error). */
  config?: EnvConfig;
  envName: string;
  suites: SuiteInfo[];
  cases: CaseResult[];
  tokenParity?: TokenParityResult;
  shard?: { index: number; count: number };
  interrupted?: boolean;
  /** Set when the run covered only part of the suite set; every report then says so. */
  partial?: PartialRun;
  warnings?: string[];
}

/**
 * Assembles the one result model from what the run produced; ordering is deterministic. The
 * verdict, its reasons and the exit code are decided here, once (by `summarize`), and stored.
 */
export function buildRunResult(pieces: RunPieces): RunResult {
  const suites = [...pieces.suites].sort((a, b) => compareStrings(a.file, b.file));
  const cases = [...pieces.cases].sort((a, b) => compareStrings(a.id, b.id));
  const targets = pieces.config ? describeTargets(pieces.config) : unknownTargets();
  for (const target of Object.values(targets)) {
    const facts = target.baseline === undefined ? undefined : describeBaseline(pieces.root, target.baseline);
    if (facts) {
      // Reports name the folder as the user does (relative to the project), never by machine path.
      target.baseline = facts.folder;
      target.baselineManifest = facts;
    }
  }
  const warnings = [...(pieces.warnings ?? [])];
  for (const target of Object.values(targets)) {
    if (!target.tlsVerify) warnings.push(`TLS verification is OFF for the ${target.name} target (${target.hosts.join(', ')}): its responses could come from anyone on the network path.`);
  }
  const throttling = pieces.config ? adviseThrottling(pieces.config) : [];
  warnings.push(...throttlingWarnings(throttling));
  if (pieces.interrupted) warnings.push('The run was interrupted: cases marked "interrupted" did not finish and cases never started are missing.');
  if (pieces.partial) warnings.unshift(partialRunWarning(pieces.partial));
  const git = gitInfo(pieces.root);
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    harnessVersion,
    runId: pieces.runId,
    startedAt: pieces.startedAt.toISOString(),
    finishedAt: pieces.finishedAt.toISOString(),
    environment: {
      name: pieces.config?.name ?? pieces.envName,
      production: pieces.config?.production ?? false,
      sandbox: pieces.config?.sandbox ?? false,
      targets,
    },
    git,
    shard: pieces.shard,
    suites,
    cases,
    tokenParity: pieces.tokenParity,
    throttling,
    warnings,
    interrupted: pieces.interrupted ?? false,
    partial: pieces.partial,
    summary: summarize(cases, { suites, tokenParity: pieces.tokenParity, interrupted: pieces.interrupted ?? false }),
  };
}

function unknownTargets(): RunResult['environment']['targets'] {
  const unknown = (name: 'legacy' | 'candidate') => ({ name, profile: 'unknown', hosts: [], auth: 'unknown', tlsVerify: true });
  return { legacy: unknown('legacy'), candidate: unknown('candidate') };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
