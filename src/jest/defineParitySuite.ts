import { registerSuiteEnvSecrets } from '../execute/registerTemplateSecrets';
import type { RunContext } from '../engine/runContext';
import { formatBoundedFailure } from '../cli/printFailures';
import { caseForSetupError } from '../engine/caseForSetupError';
import { emptyCaseResult, runCase } from '../engine/runCase';
import { selectCases } from '../engine/selectCases';
import { parseTags } from '../engine/parseTags';
import { formatHarnessError } from '../errors';
import { escapeControlChars } from '../shared/escapeControlChars';
import type { EnvConfig } from '../config/types';
import type { HarnessErrorInfo, SuiteInfo } from '../model/result';
import { loadSuites } from '../suite/loadSuites';
import { loadSuiteContracts } from '../engine/checkContract';
import { suiteLoadFailure } from '../suite/suiteLoadFailure';
import type { Case, Suite } from '../suite/types';
import { attachWorker, type AttachedWorker } from './attachWorker';
import { readableError } from './readableError';

/**
 * The test file's own `describe` and `test`. This module runs outside the test file's module
 * registry (loaded once per process by the test environment, `parityEnvironment.ts`), where Jest's
 * globals are not defined: the test module passes its own.
 */
export interface SuiteGlobals {
  describe: typeof describe;
  test: typeof test;
}

/**
 * Turns one suite file into Jest tests: a `describe` per suite, a concurrent `test` per case.
 * Cases run through the plain engine (`runCase`) on the run session the worker attached to; Jest
 * only schedules, filters and reports. A case fails with the same bounded text `parity run`
 * prints; every finished case is recorded at once (in the file's part, or in band in the session).
 */
export function defineParitySuite(file: string, jest: SuiteGlobals): void {
  const worker = attachWorker(file);
  const { root } = worker.state;
  // The same loader as `parity run`: a broken suites/_global.yaml is an error of every suite file.
  // Contracts load with the suite: an unusable one is refused before any request is sent.
  const { config } = worker;
  const [loaded] = loadSuites([file], { root, check: config ? (suite: Suite) => loadSuiteContracts(suite, { root, config }) : undefined });
  if (!loaded?.suite) {
    defineBrokenSuite(worker, suiteLoadFailure(root, file, loaded?.error), jest);
    return;
  }
  defineCases(worker, loaded.suite, jest);
}

function defineBrokenSuite(worker: AttachedWorker, info: SuiteInfo & { error: HarnessErrorInfo }, { describe, test }: SuiteGlobals): void {
  worker.part.suite(info, { caseCount: 0, only: false, expected: 0 });
  describe(info.file, () => {
    test('suite loads', () => {
      throw readableError(`Harness error — the suite could not be loaded:\n${formatHarnessError(info.error)}`);
    });
  });
}

function defineCases(worker: AttachedWorker, suite: Suite, { describe, test }: SuiteGlobals): void {
  const { config, setupError } = worker;
  // Planned as `parity run` plans (only:, -t, PARITY_TAGS): what is not selected is not in the reports.
  const selected = new Set(selectCases([suite], { grep: worker.state.testNamePattern, tags: parseTags(process.env.PARITY_TAGS) }).map(({ testCase }) => testCase));
  worker.part.suite({ name: suite.name, file: suite.file, sha256: suite.sha256 }, { caseCount: suite.cases.length, only: suite.cases.some((c) => c.only), expected: selected.size });
  // The suite's {{env.*}} values are secrets of the run before its first case sends anything.
  let envRegistered = false;
  const suiteContext = (): RunContext => {
    const context = worker.context();
    if (!envRegistered) {
      envRegistered = true;
      registerSuiteEnvSecrets(suite, context.redactor);
    }
    return context;
  };
  // Names come from suite files: control characters would act on the terminal (issue: fake PASS lines).
  describe(escapeControlChars(suite.name), () => {
    for (const testCase of suite.cases) {
      if (!selected.has(testCase) || testCase.skip) {
        if (selected.has(testCase)) worker.part.case(emptyCaseResult(suite, testCase, 'skipped'));
        test.skip(escapeControlChars(testCase.name), () => undefined);
        continue;
      }
      const define = testCase.only ? test.concurrent.only : test.concurrent;
      define(
        escapeControlChars(testCase.name),
        async () => {
          const result = worker.part.case(setupError ? caseForSetupError(suite, testCase, setupError) : await runCase(suite, testCase, suiteContext()));
          if (result.status !== 'passed' && result.status !== 'skipped') throw readableError(formatBoundedFailure(result));
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
