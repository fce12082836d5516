import * as api from '../src/index';

/**
 * The library's public surface, pinned by name: adding, renaming or dropping an export is a
 * deliberate change to this list (and to the README's library section), never an accident.
 */
const values: Record<string, 'function' | 'object' | 'number' | 'string'> = {
  AuthError: 'function',
  BaselineError: 'function',
  ConfigError: 'function',
  ContractError: 'function',
  HarnessError: 'function',
  InterruptedError: 'function',
  RESULT_SCHEMA_VERSION: 'number',
  Redactor: 'function',
  RedirectLimitError: 'function',
  SafetyError: 'function',
  SuiteError: 'function',
  TargetUnreachableError: 'function',
  TemplateError: 'function',
  ThrottledError: 'function',
  TimeoutError: 'function',
  attachResultsStream: 'function',
  baselineSourcesFor: 'function',
  buildRunResult: 'function',
  casesFileName: 'string',
  checkStepContract: 'function',
  checkTokenParity: 'function',
  compareStep: 'function',
  createBaselineSource: 'function',
  createHarSource: 'function',
  createRecordingSource: 'function',
  createRunContext: 'function',
  createRunRegistryLink: 'function',
  defaultJunitFlavour: 'string',
  defaultJunitOptions: 'function',
  defaultReporters: 'function',
  describePartialRun: 'function',
  diffJson: 'function',
  discoverSuites: 'function',
  escapeControlChars: 'function',
  findSecrets: 'function',
  formatCaseFailure: 'function',
  gateExitCodes: 'object',
  getProfile: 'function',
  importHar: 'function',
  importOpenApi: 'function',
  importPostman: 'function',
  junitFlavours: 'object',
  loadContract: 'function',
  loadEnvConfig: 'function',
  loadGlobalConfig: 'function',
  loadSuiteFile: 'function',
  mergeResultsDirs: 'function',
  mergeRuns: 'function',
  openReportInput: 'function',
  openResultsStream: 'function',
  openRunSession: 'function',
  parseApiDocument: 'function',
  partialRunWarning: 'function',
  readHarEntries: 'function',
  readResultsDir: 'function',
  readRunHeader: 'function',
  recordBaseline: 'function',
  recordHarBaseline: 'function',
  renderHtml: 'function',
  renderJunit: 'function',
  renderJunitChunks: 'function',
  renderSignoff: 'function',
  runCase: 'function',
  runParity: 'function',
  sandboxCredentials: 'object',
  selectCases: 'function',
  startEnvironment: 'function',
  startRedactionServer: 'function',
  startSandbox: 'function',
  targetNames: 'object',
  verdictOf: 'function',
  writeReports: 'function',
  writeStreamedReports: 'function',
};

describe('the public library API', () => {
  it('exports exactly the pinned names, each of its pinned kind', () => {
    expect(Object.keys(api).sort()).toEqual(Object.keys(values).sort());
    const kinds = Object.fromEntries(Object.keys(api).map((name) => [name, typeof (api as Record<string, unknown>)[name]]));
    expect(kinds).toEqual(values);
  });

  it('typed errors carry their own name, and the result schema version is 1', () => {
    expect(new api.SuiteError('x').name).toBe('SuiteError');
    expect(new api.ConfigError('x').name).toBe('ConfigError');
    expect(api.RESULT_SCHEMA_VERSION).toBe(1);
  });
});
