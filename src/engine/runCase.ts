import { applyCaptures, captureSourceOf, type CaptureSource } from '../suite/capture';
import type { AliasPair } from '../compare/types';
import { caseStatus } from '../compare/verdict';
import { HarnessError, SafetyError, toErrorInfo } from '../errors';
import type { CaseResult, Exchange, HarnessErrorInfo, StepNotRun, StepResult, TargetName } from '../model/result';
import { targetNames } from '../model/result';
import type { Case, Step, Suite } from '../suite/types';
import { buildOutgoingRequest } from './buildRequest';
import type { CaseVariables } from './caseVariables';
import { createCaseVariables } from './caseVariables';
import { median } from './median';
import type { RunContext } from './runContext';
import { checkLatency } from './checkLatency';
import { checkContract, loadStepContracts } from './checkContract';
import { capStepRecord } from './capStepRecord';
import { expandExpectation } from './expandExpectation';
import { registerCapturedSecrets } from '../execute/registerTemplateSecrets';

/**
 * Runs one case on both targets and compares step by step. Never throws: harness trouble
 * (a missing variable, a refused token, an unreachable host) ends the case as an `error` with
 * the exchanges recorded so far, and the run goes on with the next case.
 */
export async function runCase(suite: Suite, testCase: Case, ctx: RunContext): Promise<CaseResult> {
  const startedAt = new Date();
  const base = emptyCaseResult(suite, testCase, 'passed', startedAt);
  if (testCase.skip) return { ...base, status: 'skipped' };
  if (ctx.signal.aborted) return { ...base, status: 'interrupted', error: { name: 'Interrupted', message: 'the run was interrupted (signal or PARITY_RUN_TIMEOUT_MS) before this case started' } };
  const registered = ctx.redactor.version;
  const variables = createCaseVariables(suite, testCase);
  const aliases: AliasPair[] = [];
  const steps: StepResult[] = [];
  let error: HarnessErrorInfo | undefined;
  let notRun: StepNotRun[] = [];
  try {
    refuseUnsafeWrites(testCase, ctx);
    // A contract the check cannot use fails the case here, before either gateway is called.
    loadStepContracts(testCase.steps, ctx);
    for (const [index, step] of testCase.steps.entries()) {
      const result = await runStep(testCase, step, index, variables, aliases, ctx);
      steps.push(capStepRecord(result.step, ctx.config.run.maxRecordedBodyBytes));
      if (result.error) error = result.error;
      const stopped = stopReason(result);
      if (stopped) {
        notRun = testCase.steps.slice(index + 1).map((later, offset) => ({ name: later.name, index: index + 1 + offset, reason: stopped }));
        break;
      }
    }
  } catch (caught) {
    error = toErrorInfo(caught);
  }
  if (ctx.signal.aborted && error) error = { name: 'Interrupted', message: 'the run was interrupted before this case finished' };
  const latency = caseLatency(steps);
  const latencyDiffs = checkLatency(testCase.latency, latency);
  if (latencyDiffs.length > 0 && steps.length > 0) steps[steps.length - 1]!.differences.push(...latencyDiffs);
  const status = error?.name === 'Interrupted' ? 'interrupted' : caseStatus(steps, error);
  const result: CaseResult = {
    ...base,
    status,
    steps,
    notRun: notRun.length > 0 ? notRun : undefined,
    error,
    latency,
    durationMs: Date.now() - startedAt.getTime(),
  };
  // Secrets registered while the case ran (a captured session token, another worker's token)
  // may sit in what was recorded before them: redact the whole result again with all of them.
  await ctx.redactor.sync();
  return ctx.redactor.redactRecordSince(result, registered);
}

/** A case result with nothing run yet: the start of every result, and all of a skipped one. */
export function emptyCaseResult(suite: Suite, testCase: Case, status: CaseResult['status'], startedAt = new Date()): CaseResult {
  return {
    id: testCase.id,
    suite: suite.name,
    suiteFile: suite.file,
    line: testCase.line,
    api: testCase.api,
    name: testCase.name,
    tags: testCase.tags,
    status,
    steps: [],
    latency: { legacyMs: null, candidateMs: null },
    startedAt: startedAt.toISOString(),
    durationMs: 0,
  };
}

/** A write against an environment marked production needs `--allow-writes`; nothing is sent otherwise. */
function refuseUnsafeWrites(testCase: Case, ctx: RunContext): void {
  if (!ctx.config.production || ctx.config.run.allowWrites) return;
  const write = testCase.steps.find((step) => step.mutating);
  if (!write) return;
  throw new SafetyError(
    `refused: step "${write.name}" (${write.request.method} ${write.request.path}) writes, and environment "${ctx.config.name}" is marked production`,
    {
      hint: 'run it against a non-production environment, or pass --allow-writes (PARITY_ALLOW_WRITES=true) if writing to production is intended',
      file: ctx.config.file,
    },
  );
}

interface StepOutcome {
  step: StepResult;
  error?: HarnessErrorInfo;
}

/**
 * Why the steps after this one are not run, if they are not: after a harness error (a target
 * unreachable, a refused token, a capture that matched nothing) the later steps would miss what
 * this one should have produced, so they are listed as not run with the reason — never dropped
 * silently. A step that only differs (regressions, expectations failing on both sides) produced
 * its answers: the scenario goes on, so every later difference is still reported.
 */
function stopReason(outcome: StepOutcome): string | undefined {
  if (!outcome.error) return undefined;
  return `step "${outcome.step.name}" broke (${outcome.error.name}: ${outcome.error.message})`;
}

async function runStep(
  testCase: Case,
  step: Step,
  index: number,
  variables: CaseVariables,
  aliases: AliasPair[],
  ctx: RunContext,
): Promise<StepOutcome> {
  const noiseCalls = step.noiseBaseline ? ctx.config.run.noiseCalls : 1;
  const call = (target: TargetName) => callTarget(target, testCase, step, index, target === 'legacy' ? noiseCalls : 1, variables, ctx);
  const [legacySide, candidateSide] = await callBoth(call, ctx);
  const legacyCalls = legacySide.exchanges;
  const legacy = legacyCalls[0]!;
  const candidate = candidateSide.exchanges[0]!;
  const legacyRepeat = legacyCalls[1];
  const legacyMoreRepeats = legacyCalls.slice(2);
  const result: StepResult = {
    name: step.name,
    index,
    legacy,
    legacyRepeat,
    candidate,
    expectations: [],
    differences: [],
    notes: [],
  };
  const failed = [...legacyCalls, candidate].find((exchange) => exchange.error);
  if (failed?.error) return { step: result, error: failed.error };

  // Captures first: a value created in this very step (an order id) must already compare as an
  // alias in this step's own response, not only in later steps. They read the answers as sent.
  const sources = { legacy: legacySide.captureSource ?? legacy.response, candidate: candidateSide.captureSource ?? candidate.response };
  const captureError = recordCaptures(step, sources, variables, aliases, ctx);
  guardCapturedSecrets(step, sources, { legacy: legacy.response, candidate: candidate.response }, ctx);
  const baseUrls = { legacy: variables.baseUrl('legacy', step.api, ctx), candidate: variables.baseUrl('candidate', step.api, ctx) };
  const compared = ctx.compare({
    step,
    legacy,
    legacyRepeat,
    legacyMoreRepeats,
    candidate,
    profiles: { legacy: ctx.config.targets.legacy.profile, candidate: ctx.config.targets.candidate.profile },
    baseUrls,
    aliases: [...aliases],
    expect: {
      legacy: expandExpectation(step, 'legacy', variables, baseUrls.legacy),
      candidate: expandExpectation(step, 'candidate', variables, baseUrls.candidate),
    },
  });
  // Expected values may hold a captured secret (`{{token}}`): the record never shows it in clear.
  result.expectations = compared.expectations.map((expectation) => ({ ...expectation, expected: ctx.redactor.redactJson(expectation.expected) }));
  result.differences = [...compared.differences, ...checkContract(step, legacy, candidate, baseUrls.legacy, ctx)];
  if (compared.unlisted) result.unlisted = compared.unlisted;
  result.notes = compared.notes;
  // A capture that matches nothing is a harness error for the case, whatever else differs: the
  // suite promised a value the later steps need, and the differences above stay reported.
  return captureError ? { step: result, error: captureError } : { step: result };
}

/**
 * Both targets at once; a side whose source answers from the other's exchange (`after`, the
 * recorder's mirror) waits for the other side's calls first.
 */
async function callBoth(call: (target: TargetName) => Promise<TargetCalls>, ctx: RunContext): Promise<[TargetCalls, TargetCalls]> {
  if (ctx.sources.candidate.after === 'legacy') {
    const legacy = await call('legacy');
    return [legacy, await call('candidate')];
  }
  if (ctx.sources.legacy.after === 'candidate') {
    const candidate = await call('candidate');
    return [await call('legacy'), candidate];
  }
  return Promise.all([call('legacy'), call('candidate')]);
}

/** One target's calls of a step, and the first call's answer as sent (for captures), when it had one. */
interface TargetCalls {
  exchanges: Exchange[];
  captureSource?: CaptureSource;
}

/** Calls one target `calls` times in sequence (the later calls are the noise baseline). */
async function callTarget(
  target: TargetName,
  testCase: Case,
  step: Step,
  index: number,
  calls: number,
  variables: CaseVariables,
  ctx: RunContext,
): Promise<TargetCalls> {
  const exchanges: Exchange[] = [];
  let captureSource: CaptureSource | undefined;
  // Only the first call feeds captures; the answer is kept unredacted only when the step captures.
  const keep = Object.keys(step.capture).length > 0 ? (source: CaptureSource) => (captureSource = source) : undefined;
  for (let call = 0; call < calls; call += 1) {
    const exchange = await oneCall(target, testCase, step, index, call, variables, ctx, call === 0 ? keep : undefined);
    exchanges.push(exchange);
    if (exchange.error) break;
  }
  return captureSource ? { exchanges, captureSource } : { exchanges };
}

async function oneCall(
  target: TargetName,
  testCase: Case,
  step: Step,
  index: number,
  call: number,
  variables: CaseVariables,
  ctx: RunContext,
  keepForCaptures?: (source: CaptureSource) => void,
): Promise<Exchange> {
  const startedAt = new Date().toISOString();
  try {
    const outgoing = await buildOutgoingRequest(target, step, variables, ctx);
    const settings = keepForCaptures
      ? { ...sendSettings(target, ctx), onUnredactedResponse: (response: Parameters<typeof captureSourceOf>[0]) => keepForCaptures(captureSourceOf(response)) }
      : sendSettings(target, ctx);
    return await ctx.sources[target].exchange({ caseId: testCase.id, stepIndex: index, call }, outgoing, settings);
  } catch (caught) {
    // Anything thrown before or instead of a response (template, config, token endpoint) is a
    // harness error for this exchange, recorded like a failed call so the reports show where.
    return {
      target,
      request: { method: step.request.method, url: `(${step.api}) ${step.request.path}`, headers: {} },
      startedAt,
      durationMs: 0,
      retries: [],
      source: 'live',
      error: { ...toErrorInfo(caught), target: caught instanceof HarnessError && caught.target ? caught.target : target },
    };
  }
}

function sendSettings(target: TargetName, ctx: RunContext) {
  const config = ctx.config.targets[target];
  return {
    timeoutMs: ctx.config.run.requestTimeoutMs,
    tlsVerify: config.tlsVerify,
    network: config.network,
    followRedirects: ctx.config.run.followRedirects,
    retry: config.retry,
    maxRecordedBodyBytes: ctx.config.run.maxRecordedBodyBytes,
    signal: ctx.signal,
    redactor: ctx.redactor,
    pacer: ctx.pacer,
  };
}

/**
 * Captures go into per-target variables; a value captured on both sides under one name becomes
 * an alias pair, so later steps compare the candidate's order id equal to the legacy's.
 */
function recordCaptures(
  step: Step,
  sources: Record<TargetName, CaptureSource | undefined>,
  variables: CaseVariables,
  aliases: AliasPair[],
  ctx: RunContext,
): HarnessErrorInfo | undefined {
  if (Object.keys(step.capture).length === 0) return undefined;
  const captured: Partial<Record<TargetName, Record<string, string>>> = {};
  for (const target of targetNames) {
    const source = sources[target];
    if (!source) continue;
    const { values, errors } = applyCaptures(step.capture, source);
    if (errors.length > 0) {
      return {
        name: 'CaptureError',
        target,
        message: `step "${step.name}": ${errors.join('; ')} on the ${target}`,
        hint: 'a capture that matches nothing is a suite problem, whatever else differs: check the capture path against the response shown in the report (the later steps need its value and were not run)',
      };
    }
    captured[target] = values;
    registerCapturedSecrets(target, values, ctx.redactor);
    variables.capture(target, values);
  }
  for (const name of Object.keys(step.capture)) {
    const legacyValue = captured.legacy?.[name];
    const candidateValue = captured.candidate?.[name];
    if (legacyValue !== undefined && candidateValue !== undefined && legacyValue !== candidateValue) {
      aliases.push({ name, legacy: legacyValue, candidate: candidateValue });
    }
  }
  return undefined;
}

/**
 * A value captured from the raw answer that the record shows redacted (a `token`, `password` or
 * `api_key` field) is a secret: it is registered with the run's redactor, so that sending it
 * onward never puts it in clear into a later record, log or report.
 */
function guardCapturedSecrets(step: Step, sources: Record<TargetName, CaptureSource | undefined>, recorded: Record<TargetName, CaptureSource | undefined>, ctx: RunContext): void {
  if (Object.keys(step.capture).length === 0) return;
  for (const target of targetNames) {
    const raw = sources[target];
    const record = recorded[target];
    if (!raw || !record || raw === record) continue;
    const asSent = applyCaptures(step.capture, raw).values;
    const asRecorded = applyCaptures(step.capture, record).values;
    for (const [name, value] of Object.entries(asSent)) {
      if (asRecorded[name] !== value) ctx.redactor.add(value, `${target}.capture.${name}`);
    }
  }
}

function caseLatency(steps: StepResult[]): CaseResult['latency'] {
  const times: Record<TargetName, number[]> = { legacy: [], candidate: [] };
  for (const step of steps) {
    for (const target of targetNames) {
      const exchanges = target === 'legacy' ? [step.legacy, step.legacyRepeat] : [step.candidate];
      for (const exchange of exchanges) if (exchange?.response) times[target].push(exchange.durationMs);
    }
  }
  return { legacyMs: median(times.legacy), candidateMs: median(times.candidate) };
}
