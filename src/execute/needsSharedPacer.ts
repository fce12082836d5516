import type { TargetConfig } from '../config/types';
import { targetNames, type TargetName } from '../model/result';

/** Other processes that run cases of the run besides the one that opened it (Jest workers). */
export interface CaseProcesses {
  /** At most this many processes at once (Jest's `maxWorkers`). */
  processes: number;
  /** Each running at most this many cases at once (Jest's `maxConcurrency`). */
  casesEach: number;
}

/**
 * Whether the run's limits can only hold if every process takes its turn from one pacer (the
 * parent's, served on loopback), or whether each process may pace its own requests.
 *
 * - A rate limit (`*_RATE_LIMIT_PER_MIN`) is a quota of the whole run: always shared.
 * - A concurrency cap (`*_CONCURRENCY`) needs sharing only if the processes together could exceed
 *   it. A case has at most one request per target in flight (steps, noise calls, retries and
 *   redirect hops run in sequence), so a process has at most `casesEach` in flight; the parent
 *   adds one (its token-parity token request).
 * - A side replayed from a baseline (`*_BASELINE`) is never called.
 *
 * When each process paces itself, a 429's pause (`Pacer.pause`) holds in the process that was
 * throttled only: the others back off when they meet their own 429 (retries wait as told).
 */
export function needsSharedPacer(targets: Record<TargetName, TargetConfig>, across: CaseProcesses): boolean {
  return targetNames.some((name) => {
    const target = targets[name];
    if (target.baselineDir !== undefined) return false;
    if (target.rateLimit.perMinute !== null) return true;
    return target.rateLimit.concurrency < across.processes * across.casesEach + 1;
  });
}
