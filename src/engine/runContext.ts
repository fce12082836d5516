import { createTokenProvider } from '../auth/createTokenProvider';
import type { TokenProvider } from '../auth/types';
import type { EnvConfig } from '../config/types';
import { setMaxListeners } from 'node:events';
import { compareStep } from '../compare/compareStep';
import type { CompareStep } from '../compare/types';
import { targetNames, type TargetName } from '../model/result';
import { Redactor } from '../execute/redactor';
import { registerProxyCredentials } from '../execute/registerProxyCredentials';
import { sendRequest } from '../execute/sendRequest';
import type { Pacer, SendRequest } from '../execute/types';
import type { ExchangeSource } from './exchangeSource';
import { liveExchangeSource } from './exchangeSource';

/**
 * Everything a case needs to run, built once per process (per Jest test file, or once for a CLI
 * run). Stages sit behind small interfaces so tests and future engines can swap one.
 */
export interface RunContext {
  /** Project root: suite, spec and baseline paths are shown relative to it. */
  root: string;
  config: EnvConfig;
  redactor: Redactor;
  pacer: Pacer;
  tokens: Record<TargetName, TokenProvider>;
  /** Where each target's exchanges come from: live HTTP, or a recorded baseline. */
  sources: Record<TargetName, ExchangeSource>;
  compare: CompareStep;
  /** Aborted on SIGINT/SIGTERM or the total run timeout: in-flight cases end as interrupted. */
  signal: AbortSignal;
}

export interface RunContextOptions {
  root: string;
  config: EnvConfig;
  pacer: Pacer;
  signal: AbortSignal;
  send?: SendRequest;
  compare?: CompareStep;
  sources?: Partial<Record<TargetName, ExchangeSource>>;
}

export function createRunContext(options: RunContextOptions): RunContext {
  const { config } = options;
  // One run-wide signal carries a listener per in-flight request; that is by design, not a leak.
  setMaxListeners(0, options.signal);
  const redactor = new Redactor();
  registerConfiguredSecrets(config, redactor);
  const send = options.send ?? sendRequest;
  const tokens = {} as Record<TargetName, TokenProvider>;
  const sources = {} as Record<TargetName, ExchangeSource>;
  for (const name of targetNames) {
    const target = config.targets[name];
    tokens[name] = createTokenProvider(target, {
      redactor,
      timeoutMs: config.run.requestTimeoutMs,
      tlsVerify: target.tlsVerify,
      pacer: options.pacer,
      signal: options.signal,
    });
    sources[name] = options.sources?.[name] ?? liveExchangeSource(send);
  }
  return {
    root: options.root,
    config,
    redactor,
    pacer: options.pacer,
    tokens,
    sources,
    compare: options.compare ?? compareStep,
    signal: options.signal,
  };
}

/** Client secrets and passwords are known before any request: register them first. */
function registerConfiguredSecrets(config: EnvConfig, redactor: Redactor): void {
  for (const name of targetNames) registerProxyCredentials(config.targets[name].network, name, redactor);
  for (const name of targetNames) {
    const auth = config.targets[name].auth;
    switch (auth.kind) {
      case 'client_credentials':
        redactor.add(auth.clientSecret.reveal(), `${name}.client_secret`);
        break;
      case 'password':
        redactor.add(auth.clientSecret.reveal(), `${name}.client_secret`);
        redactor.add(auth.password.reveal(), `${name}.password`);
        break;
      case 'static':
        redactor.add(auth.token.reveal(), `${name}.access_token`);
        break;
      case 'api_key':
        redactor.add(auth.key.reveal(), `${name}.api_key`);
        break;
      case 'none':
        break;
      default: {
        const never: never = auth;
        throw new Error(`unknown auth kind ${JSON.stringify(never)}`);
      }
    }
  }
}
