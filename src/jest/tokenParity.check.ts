import { formatTokenParity } from '../engine/formatTokenParity';
import { checkTokenParity } from '../engine/checkTokenParity';
import type { TokenParityResult } from '../model/result';
import { writePart } from './parts';
import { readableError } from './readableError';
import { readRunState } from './runState';
import { createWorkerContext, loadWorkerConfig } from './workerContext';

/**
 * Token parity as one Jest test per run (its own testcase in the JUnit): both token endpoints
 * are asked for a token and the two are compared (see checkTokenParity).
 */
const state = readRunState();
if (!state) throw new Error('token parity runs through the parity Jest config (npm test)');
const runState = state;

/** A recorded legacy side has no token endpoint to ask: token parity needs both sides live. */
function legacyIsRecorded(): boolean {
  if (runState.setupError) return false;
  try {
    return loadWorkerConfig(runState).targets.legacy.baselineDir !== undefined;
  } catch {
    return false;
  }
}

describe('token parity', () => {
  (legacyIsRecorded() ? test.skip : test)(`tokens issued by both targets are interchangeable for clients (${process.env.PARITY_ENV ?? 'sandbox'})`, async () => {
    let result: TokenParityResult;
    if (runState.setupError) {
      const unknown = { format: 'unknown', scopes: [] };
      result = { status: 'error', legacy: unknown, candidate: unknown, findings: [], error: runState.setupError, durationMs: 0 };
    } else {
      const context = createWorkerContext(runState, loadWorkerConfig(runState));
      try {
        result = await checkTokenParity(context);
      } finally {
        await context.pacer.close();
      }
    }
    await writePart(runState.partsDir, 'token-parity', { cases: [], tokenParity: result });
    if (result.status !== 'passed') {
      throw readableError(formatTokenParity(result));
    }
  });
});
