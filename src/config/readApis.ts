import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors';
import type { TargetName } from '../model/result';
import type { EnvReader } from './envReader';
import type { ApiSettings, TargetConfig } from './types';
import { parseApiSettingVariable, parseApiUrlVariable } from './variables';

/**
 * Per-API base URLs of one target, from every `LEGACY_API_<NAME>_URL` (or `CANDIDATE_…`) that is
 * set. Keys are the lower-cased `<NAME>` (`pizzashack`, `order_api`); look them up with
 * `resolveApiBaseUrl`, which applies the same name mapping to a suite's API name.
 */
export function readApiUrls(reader: EnvReader, names: readonly string[], target: TargetName): TargetConfig['apis'] {
  const apis: TargetConfig['apis'] = {};
  for (const name of names) {
    const parsed = parseApiUrlVariable(name);
    if (!parsed || parsed.target !== target) continue;
    const baseUrl = reader.url(name);
    if (baseUrl !== undefined) apis[parsed.key.toLowerCase()] = { baseUrl };
  }
  return apis;
}

/** `PARITY_API_<NAME>_OPENAPI`, `…_LEGACY_TIER`, `…_CANDIDATE_POLICY`, keyed like `readApiUrls`. */
export function readApiSettings(reader: EnvReader, names: readonly string[]): Record<string, ApiSettings> {
  const apis: Record<string, ApiSettings> = {};
  for (const name of names) {
    const parsed = parseApiSettingVariable(name);
    if (!parsed) continue;
    const settings = (apis[parsed.key.toLowerCase()] ??= {});
    switch (parsed.setting) {
      case 'OPENAPI': {
        const file = reader.path(name)!;
        if (existsSync(file)) settings.openapi = file;
        else {
          const found = reader.raw(name)!;
          reader.invalid(found, `${path.relative(reader.root, file).split(path.sep).join('/')} does not exist`, 'The OpenAPI (or Swagger 2.0) document path is relative to the project root, e.g. specs/pizzashack.yaml.');
        }
        break;
      }
      case 'LEGACY_TIER':
        settings.legacyTier = reader.string(name)!;
        break;
      case 'CANDIDATE_POLICY':
        settings.candidatePolicy = reader.string(name)!;
        break;
      default: {
        const never: never = parsed.setting;
        reader.problem(new ConfigError(`unknown API setting ${String(never)}`));
      }
    }
  }
  return apis;
}
