import { ConfigError } from '../errors';
import { didYouMeanSuffix } from '../shared/didYouMean';
import { defaultEnvName, envDefaults, productionEnvNames, runDefaults } from './defaults';
import { envFilePath, listEnvNames, readEnvFile, type EnvFileContents } from './envFile';
import { ConfigErrorList, EnvReader } from './envReader';
import { namesInLayers, resolveValue, type ValueLayer } from './precedence';
import { readApiSettings, readApiUrls } from './readApis';
import { readTarget } from './readTarget';
import type { EnvConfig, RunSettings } from './types';
import { followRedirectModes, isKnownVariable, networkVariables, sandboxVariablePrefix, suggestVariable, tokenScopeModes } from './variables';

/** Settings a command line can give; each overrides one variable (see `flagVariables`). */
export interface ConfigFlags {
  concurrency?: number;
  timeoutMs?: number;
  runTimeoutMs?: number;
  noiseCalls?: number;
  reportsDir?: string;
  strictContract?: boolean;
  followRedirects?: RunSettings['followRedirects'];
  allowWrites?: boolean;
  production?: boolean;
  sandbox?: boolean;
  sandboxDrift?: boolean;
  tokenScopes?: EnvConfig['tokenScopes'];
  legacyBaseline?: string;
  candidateBaseline?: string;
}

/** Which variable each flag overrides, and how messages spell the flag. */
const flagVariables: Record<keyof ConfigFlags, { variable: string; flag: string }> = {
  concurrency: { variable: 'PARITY_CONCURRENCY', flag: '--concurrency' },
  timeoutMs: { variable: 'PARITY_TIMEOUT_MS', flag: '--timeout' },
  runTimeoutMs: { variable: 'PARITY_RUN_TIMEOUT_MS', flag: '--run-timeout' },
  noiseCalls: { variable: 'PARITY_NOISE_CALLS', flag: '--noise-calls' },
  reportsDir: { variable: 'PARITY_REPORTS_DIR', flag: '--reports' },
  strictContract: { variable: 'PARITY_STRICT_CONTRACT', flag: '--strict-contract' },
  followRedirects: { variable: 'PARITY_FOLLOW_REDIRECTS', flag: '--follow-redirects' },
  allowWrites: { variable: 'PARITY_ALLOW_WRITES', flag: '--allow-writes' },
  production: { variable: 'PARITY_PRODUCTION', flag: '--production' },
  sandbox: { variable: 'PARITY_SANDBOX', flag: '--sandbox' },
  sandboxDrift: { variable: 'PARITY_SANDBOX_DRIFT', flag: '--drift' },
  tokenScopes: { variable: 'PARITY_TOKEN_SCOPES', flag: '--token-scopes' },
  legacyBaseline: { variable: 'LEGACY_BASELINE', flag: '--legacy-baseline' },
  candidateBaseline: { variable: 'CANDIDATE_BASELINE', flag: '--candidate-baseline' },
};

export interface LoadEnvOptions {
  root: string;
  /** `--env`; otherwise `PARITY_ENV`, otherwise `sandbox`. */
  envName?: string;
  /** Defaults to `process.env`. With the sandbox, pass `{ ...process.env, ...sandbox.env }`. */
  processEnv?: NodeJS.ProcessEnv;
  flags?: ConfigFlags;
}

/** Variables an env file must not hold, and why. */
const notInFiles: Record<string, string> = {
  PARITY_ENV: 'PARITY_ENV selects the env file, so it cannot be set inside one. Use --env or export PARITY_ENV.',
  PARITY_ALLOW_WRITES:
    'Allowing writes to production must be a deliberate act per run: pass --allow-writes or export PARITY_ALLOW_WRITES=true for that one run.',
};

const envNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Loads `env/<name>.env` (plus the git-ignored `env/<name>.local.env`), the process environment
 * and CLI flags into one validated `EnvConfig` — CLI flag > process env > env file > defaults.
 * Every problem is reported at once (`ConfigError`, or `ConfigErrorList` for several).
 *
 * With `PARITY_SANDBOX=true`, the sandbox's token and API URLs are unknown until it starts: the
 * first load succeeds with `sandboxPending: true`; start the sandbox and load again with its
 * `env` merged into `processEnv` (process env beats the file, so its URLs win).
 */
export function loadEnvConfig(options: LoadEnvOptions): EnvConfig {
  const processEnv = options.processEnv ?? process.env;
  const envName = selectEnvName(options.envName, processEnv);
  const mainFile = readEnvFile(options.root, envFilePath(envName));
  const localFile = readEnvFile(options.root, envFilePath(envName, true));
  if (!mainFile && !localFile && !definesTargets(processEnv)) {
    throw unknownEnvironment(options.root, envName);
  }
  for (const file of [localFile, mainFile]) if (file) checkFileNames(file);

  const layers: ValueLayer[] = [
    flagLayer(options.flags ?? {}),
    { kind: 'process', values: processEnv },
    ...[localFile, mainFile].flatMap((file) => (file ? [{ kind: 'file' as const, values: file.values, file: file.file, lines: file.lines }] : [])),
  ];
  const reader = new EnvReader(layers, envName, options.root);
  const names = namesInLayers(layers);

  const sandbox = reader.boolean('PARITY_SANDBOX', envDefaults.sandbox);
  const legacy = readTarget(reader, 'legacy', readApiUrls(reader, names, 'legacy'), { sandbox });
  const candidate = readTarget(reader, 'candidate', readApiUrls(reader, names, 'candidate'), { sandbox });
  const config: EnvConfig = {
    name: envName,
    file: mainFile?.file,
    localFile: localFile?.file,
    expectedFile: envFilePath(envName),
    production: reader.boolean('PARITY_PRODUCTION', productionEnvNames.includes(envName.toLowerCase()) || envDefaults.production),
    sandbox,
    sandboxPending: legacy.awaitingSandbox || candidate.awaitingSandbox,
    sandboxDrift: reader.boolean('PARITY_SANDBOX_DRIFT', envDefaults.sandboxDrift),
    sandboxSettings: Object.fromEntries(
      names.filter((name) => name.startsWith(sandboxVariablePrefix)).map((name) => [name, resolveValue(layers, name)!.value]),
    ),
    targets: { legacy: legacy.config, candidate: candidate.config },
    apis: readApiSettings(reader, names),
    run: {
      concurrency: reader.integer('PARITY_CONCURRENCY', runDefaults.concurrency),
      requestTimeoutMs: reader.integer('PARITY_TIMEOUT_MS', runDefaults.requestTimeoutMs),
      runTimeoutMs: reader.integer('PARITY_RUN_TIMEOUT_MS', runDefaults.runTimeoutMs),
      noiseCalls: reader.integer('PARITY_NOISE_CALLS', runDefaults.noiseCalls),
      reportsDir: reader.string('PARITY_REPORTS_DIR') ?? runDefaults.reportsDir,
      allowWrites: reader.boolean('PARITY_ALLOW_WRITES', runDefaults.allowWrites),
      strictContract: reader.boolean('PARITY_STRICT_CONTRACT', runDefaults.strictContract),
      followRedirects: reader.oneOf('PARITY_FOLLOW_REDIRECTS', followRedirectModes, runDefaults.followRedirects),
      maxRecordedBodyBytes: reader.integer('PARITY_MAX_RECORDED_BODY_BYTES', runDefaults.maxRecordedBodyBytes),
    },
    tokenMinLifetimeSec: reader.integer('PARITY_TOKEN_MIN_LIFETIME', envDefaults.tokenMinLifetimeSec),
    tokenScopes: reader.oneOf('PARITY_TOKEN_SCOPES', tokenScopeModes, envDefaults.tokenScopes),
  };
  reader.throwIfAny();
  return config;
}

/**
 * With no env file, the process environment alone may describe the targets (CI secrets); a stray
 * PARITY_ENV or sandbox switch does not count, so a typo'd env name still gets its own error.
 */
function definesTargets(processEnv: NodeJS.ProcessEnv): boolean {
  // A proxy setting describes the machine's network, not the targets.
  return Object.keys(processEnv).some((name) => name !== 'PARITY_ENV' && !name.startsWith(sandboxVariablePrefix) && !(name in networkVariables) && isKnownVariable(name));
}

function selectEnvName(option: string | undefined, processEnv: NodeJS.ProcessEnv): string {
  const name = option || processEnv.PARITY_ENV || defaultEnvName;
  if (!envNamePattern.test(name) || name.endsWith('.local')) {
    throw new ConfigError(`"${name}" is not an environment name`, {
      path: 'PARITY_ENV',
      hint: 'An environment name is the <name> of env/<name>.env: letters, digits, ".", "_" and "-" (no slashes).',
    });
  }
  return name;
}

function unknownEnvironment(root: string, envName: string): ConfigError {
  const available = listEnvNames(root);
  const file = envFilePath(envName);
  return new ConfigError(`unknown environment "${envName}": ${file} does not exist.${didYouMeanSuffix(envName, available)}`, {
    file,
    path: 'PARITY_ENV',
    hint: available.length
      ? `Available environments: ${available.join(', ')}. Select one with --env <name> or PARITY_ENV, or create ${file} from env/example.env.`
      : `There are no env files yet: create ${file} from env/example.env.`,
  });
}

/** An env file holds harness variables only; anything else is a typo or belongs elsewhere. */
function checkFileNames(file: EnvFileContents): void {
  const problems: ConfigError[] = [];
  for (const name of Object.keys(file.values)) {
    const line = file.lines[name];
    const context = { file: file.file, line, path: name };
    const where = `${file.file}${line === undefined ? '' : `:${line}`} ${name}`;
    if (name in notInFiles) {
      problems.push(new ConfigError(`${where}: not allowed in an env file`, { ...context, hint: notInFiles[name]! }));
    } else if (!isKnownVariable(name)) {
      const suggestion = suggestVariable(name);
      problems.push(
        new ConfigError(`${where}: unknown variable.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, {
          ...context,
          hint: 'env/example.env lists every variable. Env files configure the harness only; suites read other values with {{env.NAME}} from the process environment.',
        }),
      );
    }
  }
  if (problems.length === 1) throw problems[0]!;
  if (problems.length > 1) throw new ConfigErrorList(problems);
}

function flagLayer(flags: ConfigFlags): ValueLayer {
  const values: Record<string, string | undefined> = {};
  const spelled: Record<string, string> = {};
  for (const [key, value] of Object.entries(flags) as Array<[keyof ConfigFlags, ConfigFlags[keyof ConfigFlags]]>) {
    const mapping = flagVariables[key];
    if (!mapping || value === undefined) continue;
    values[mapping.variable] = String(value);
    spelled[mapping.variable] = mapping.flag;
  }
  return { kind: 'flag', values, flags: spelled };
}
