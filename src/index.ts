/**
 * The harness as a library: every public name is listed here by hand (no `export *`), so what
 * users may rely on is a deliberate choice. The CLI and the Jest layer are built on these.
 */

// Pipeline entry points
export { runParity, type RunParityOptions, type ParityRunOutcome } from './engine/runParity';
export { openRunSession, type RunSession, type RunSessionOptions, type SuiteParticipation } from './engine/runSession';
export { runCase } from './engine/runCase';
export { createRunContext, type RunContext, type RunContextOptions } from './engine/runContext';
export { startEnvironment, type EnvironmentOptions, type StartedEnvironment } from './engine/environment';
export { buildRunResult, type RunPieces } from './engine/buildRunResult';
export { describePartialRun, partialRunWarning } from './engine/partialRun';
export { checkTokenParity } from './engine/checkTokenParity';
export { selectCases, type CaseSelection } from './engine/selectCases';
export type { ExchangeSource, CallKey } from './engine/exchangeSource';

// Load
export { loadEnvConfig, type ConfigFlags, type LoadEnvOptions } from './config/loadEnvConfig';
export type { EnvConfig, TargetConfig, AuthConfig, ProfileName, Secret } from './config/types';
export { loadSuiteFile, type LoadSuiteOptions } from './suite/loadSuiteFile';
export { loadGlobalConfig, type GlobalConfig } from './suite/loadGlobalConfig';
export { discoverSuites } from './suite/discoverSuites';
export type { Suite, Case, Step, ParityRules, Matcher, ArrayPolicy } from './suite/types';

// Compare
export { compareStep } from './compare/compareStep';
export { diffJson } from './compare/diff/diffJson';
export { formatCaseFailure } from './compare/formatFailure';
export type { CompareInput, CompareOutput, AliasPair, DiffOptions, DiffResult, RawDiff } from './compare/types';
export { getProfile } from './profiles/getProfile';
export { loadContract } from './contract/loadContract';
export { checkStepContract } from './contract/checkStepContract';

// Report
export { writeReports } from './report/writeReports';
export { defaultJunitOptions, renderJunit, renderJunitChunks, type JunitOptions } from './report/renderJunit';
export { defaultJunitFlavour, junitFlavours, type JunitFlavour } from './report/junitFlavour';
export { renderHtml } from './report/renderHtml';
export { renderSignoff } from './report/renderSignoff';
export { mergeRuns, readResultsDir } from './report/mergeResults';
export { verdictOf, gateExitCodes } from './report/verdict';

// Baselines and importers
export { recordBaseline } from './baseline/recordBaseline';
export { baselineSourcesFor } from './baseline/baselineSourcesFor';
export { createBaselineSource } from './baseline/createBaselineSource';
export { createRecordingSource } from './baseline/createRecordingSource';
export { importPostman } from './importers/importPostman';
export { importOpenApi } from './importers/importOpenApi';
export { importHar } from './importers/importHar';

// Sandbox
export { startSandbox } from './sandbox/startSandbox';
export { sandboxCredentials } from './sandbox/credentials';
export type { Sandbox, SandboxOptions } from './sandbox/types';

// Model and errors
export { RESULT_SCHEMA_VERSION, targetNames } from './model/result';
export type { RunResult, CaseResult, StepResult, Exchange, Difference, Disposition, TargetName, PartialRun, GateCode } from './model/result';
export {
  HarnessError,
  SuiteError,
  ConfigError,
  AuthError,
  TargetUnreachableError,
  TimeoutError,
  BaselineError,
  ContractError,
  SafetyError,
  TemplateError,
  InterruptedError,
  ThrottledError,
  RedirectLimitError,
} from './errors';
