import { registerSuiteEnvSecrets } from '../execute/registerTemplateSecrets';
import { formatCaseFailure } from '../compare/formatFailure';
import { escapeControlChars } from '../shared/escapeControlChars';
import type { EnvConfig } from '../config/types';
import { emptyCaseResult, runCase } from '../engine/runCase';
import type { RunContext } from '../engine/runContext';
import { formatHarnessError, toErrorInfo } from '../errors';
import type { CaseResult, HarnessErrorInfo, SuiteInfo } from '../model/result';
import { loadSuiteFile } from '../suite/loadSuiteFile';
import { suiteLoadFailure } from '../suite/suiteLoadFailure';
import { loadGlobalConfig } from '../suite/loadGlobalConfig';
import type { Case, Suite } from '../suite/types';
import { writePart } from './parts';
import { readableError } from './readableError';
import { readRunState, type RunState } from './runState';
import { createWorkerContext, loadWorkerConfig } from './workerContext';

/**
 * Turns one suite file into Jest tests: a `describe` per suite, a concurrent `test` per case.
 * Cases run through the plain engine (`runCase`); Jest only schedules, filters and reports.
 * A case fails with a readable diff (regressions first); a harness error fails it with what,
 * where and what to do. Whatever happens, the file's results are handed to the global teardown.
 */
export function defineParitySuite(file: string): void {
  const state = readRunState();
  if (!state) throw new Error('suite files run through the parity Jest config (npm test); run `npm test` or `npx parity run`');
  let suite: Suite;
  try {
    const global = loadGlobalConfig(state.root);
    suite = loadSuiteFile(file, { root: state.root, ...global });
  } catch (error) {
    defineBrokenSuite(state, suiteLoadFailure(state.root, file, error));
    return;
  }
  defineCases(state, suite);
}

function defineBrokenSuite(state: RunState, info: SuiteInfo & { error: HarnessErrorInfo }): void {
  describe(info.file, () => {
    afterAll(() => writePart(state.partsDir, info.file, { suite: info, cases: [] }));
    test('suite loads', () => {
      throw readableError(`Harness error — the suite could not be loaded:\n${formatHarnessError(info.error)}`);
    });
  });
}

function defineCases(state: RunState, suite: Suite): void {
  const results: CaseResult[] = [];
  let config: EnvConfig | undefined;
  let setupError = state.setupError;
  if (!setupError) {
    try {
      config = loadWorkerConfig(state);
    } catch (error) {
      setupError = toErrorInfo(error);
    }
  }
  let context: RunContext | undefined;
  const getContext = (): RunContext => {
    if (context) return context;
    context = createWorkerContext(state, config!);
    registerSuiteEnvSecrets(suite, context.redactor);
    return context;
  };

  describe(escapeControlChars(suite.name), () => {
    afterAll(async () => {
      await context?.pacer.close();
      await writePart(state.partsDir, suite.file, { suite: { name: suite.name, file: suite.file, sha256: suite.sha256 }, cases: results });
    });
    for (const testCase of suite.cases) {
      if (testCase.skip) {
        results.push(skippedCase(suite, testCase));
        test.skip(escapeControlChars(testCase.name), () => undefined);
        continue;
      }
      const define = testCase.only ? test.concurrent.only : test.concurrent;
      define(
        escapeControlChars(testCase.name),
        async () => {
          const result = setupError ? erroredCase(suite, testCase, setupError) : await runCase(suite, testCase, getContext());
          results.push(result);
          if (result.status !== 'passed' && result.status !== 'skipped') throw readableError(formatCaseFailure(result));
        },
        caseTimeoutMs(testCase, config),
      );
    }
  });
}


/** A last-resort bound: every request already has its own timeout and bounded retries. */
function caseTimeoutMs(testCase: Case, config: EnvConfig | undefined): number {
  if (!config) return 60_000;
  const retries = 1 + Math.max(config.targets.legacy.retry.transient, config.targets.candidate.retry.transient) + Math.max(config.targets.legacy.retry.throttled, config.targets.candidate.retry.throttled);
  const calls = testCase.steps.length * (1 + config.run.noiseCalls);
  return calls * retries * (config.run.requestTimeoutMs + 60_000) + 60_000;
}

function skippedCase(suite: Suite, testCase: Case): CaseResult {
  return emptyCaseResult(suite, testCase, 'skipped');
}

function erroredCase(suite: Suite, testCase: Case, error: HarnessErrorInfo): CaseResult {
  return { ...emptyCaseResult(suite, testCase, 'error'), error };
}
