import { ConfigError } from '../errors';
import type { TargetName } from '../model/result';
import { didYouMean } from '../shared/didYouMean';
import { envFilePath } from './envFile';
import type { EnvConfig } from './types';
import { apiEnvKey, apiUrlVariable, targetPrefixes } from './variables';

/** Example base URLs per target, for the hint: where each gateway serves an API. */
const exampleBaseUrls: Record<TargetName, (api: string) => string> = {
  legacy: (api) => `https://gateway.api.cloud.wso2.com/t/<tenant>/${api}/1.0.0`,
  candidate: (api) => `https://<org-uuid>-prod.e1-us-east-azure.choreoapis.dev/<project>/${api}/v1.0`,
};

/**
 * The base URL of a suite's API on one target. Checked here rather than at load, because only
 * the APIs that the selected suites use need one; the error names the exact variable and file.
 */
export function resolveApiBaseUrl(config: EnvConfig, target: TargetName, api: string): string {
  const key = apiEnvKey(api).toLowerCase();
  const found = config.targets[target].apis[key];
  if (found) return found.baseUrl;
  const variable = apiUrlVariable(target, api);
  const file = config.file ?? config.expectedFile ?? envFilePath(config.name);
  const configured = Object.keys(config.targets[target].apis);
  const near = didYouMean(key, configured);
  const nearText = near ? ` ${targetPrefixes[target]}_API_${near.toUpperCase()}_URL is set: is that the API you meant?` : '';
  const sandboxText = config.sandboxPending ? ' (the sandbox has not been started yet: load the config again with its env)' : '';
  throw new ConfigError(`${variable} is not set: suites call API "${api}" on the ${target} target${sandboxText}. Expected in ${file} or the process environment.${nearText}`, {
      file,
      path: variable,
      target,
      hint: `Add ${variable}=${exampleBaseUrls[target](api)} (the API's base URL on that gateway: context and version) to ${file}.${configured.length ? ` Configured ${target} APIs: ${configured.join(', ')}.` : ''}`,
  });
}
