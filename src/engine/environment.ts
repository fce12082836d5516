import { loadEnvConfig, type ConfigFlags } from '../config/loadEnvConfig';
import type { EnvConfig } from '../config/types';
import { startSandbox } from '../sandbox/startSandbox';
import type { Sandbox } from '../sandbox/types';
import { sandboxOptionsFromEnv, type SandboxFlags } from './sandboxOptions';

export interface EnvironmentOptions {
  root: string;
  envName?: string;
  processEnv?: NodeJS.ProcessEnv;
  flags?: ConfigFlags;
  sandbox?: SandboxFlags;
}

export interface StartedEnvironment {
  config: EnvConfig;
  sandbox?: Sandbox;
  /** Variables the sandbox supplied (token and API URLs); workers must see them too. */
  overlay: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Loads the environment and, when it is the built-in sandbox, starts the three sandbox servers
 * and loads the environment again with their URLs on top (as process environment, which beats
 * the env file under the one precedence rule).
 */
export async function startEnvironment(options: EnvironmentOptions): Promise<StartedEnvironment> {
  const processEnv = options.processEnv ?? process.env;
  const load = (env: NodeJS.ProcessEnv) =>
    loadEnvConfig({
      root: options.root,
      processEnv: env,
      envName: options.envName,
      flags: options.flags,
    });
  const first = load(processEnv);
  if (!first.sandbox) return { config: first, overlay: {}, close: async () => undefined };

  // The sandbox's switches resolve with the one precedence rule (flag > process env > env file),
  // so `PARITY_SANDBOX_*` written in env/sandbox.env count as much as exported ones.
  const drift = options.sandbox?.drift ?? first.sandboxDrift;
  const sandbox = await startSandbox(sandboxOptionsFromEnv(first.sandboxSettings, { drift }));
  try {
    const overlay = { ...sandbox.env };
    const config = load({ ...processEnv, ...overlay });
    return { config, sandbox, overlay, close: () => sandbox.close() };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
