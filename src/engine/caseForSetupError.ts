import type { CaseResult, HarnessErrorInfo } from '../model/result';
import type { Case, Suite } from '../suite/types';
import { emptyCaseResult } from './runCase';

/**
 * A case of a run whose environment could not be prepared (missing secret, unknown variable,
 * unreadable baseline): it errors with that cause, so the reports list every case that did not run
 * and why. A `skip:` case stays skipped, as it would in a working environment.
 */
export function caseForSetupError(suite: Suite, testCase: Case, error: HarnessErrorInfo): CaseResult {
  if (testCase.skip) return emptyCaseResult(suite, testCase, 'skipped');
  return { ...emptyCaseResult(suite, testCase, 'error'), error };
}
