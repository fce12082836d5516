/** The config stage's public API, listed by name. */
export { loadEnvConfig, flagVariables, type ConfigFlags, type LoadEnvOptions } from './loadEnvConfig';
export { resolveApiBaseUrl } from './resolveApiBaseUrl';
export { describeTargets } from './describeTargets';
export { createSecret, isSecret, SecretValue } from './secret';
export { ConfigErrorList } from './envReader';
export { listEnvNames, envFilePath } from './envFile';
export { precedence, resolveValue, type ValueLayer, type ResolvedValue } from './precedence';
export { defaultEnvName, runDefaults, envDefaults, targetDefaults, defaultProfiles, productionEnvNames } from './defaults';
export { apiEnvKey, apiUrlVariable, grantKinds, runVariables, targetVariables, apiVariables } from './variables';
