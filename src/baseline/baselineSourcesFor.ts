import type { EnvConfig } from '../config/types';
import type { ExchangeSource } from '../engine/exchangeSource';
import { targetNames, type TargetName } from '../model/result';
import { createBaselineSource } from './createBaselineSource';

/**
 * The replay sources an environment asks for: one baseline source per target whose
 * `*_BASELINE` (`LEGACY_BASELINE`, `--legacy-baseline`) is set, none otherwise. Pass the result
 * as `sources` to `createRunContext` (the Jest layer) — `runParity` does this itself when its
 * caller gives no sources. Throws a BaselineError when a baseline fails its checksums.
 */
export function baselineSourcesFor(config: EnvConfig, root?: string): Partial<Record<TargetName, ExchangeSource>> {
  const sources: Partial<Record<TargetName, ExchangeSource>> = {};
  for (const target of targetNames) {
    const dir = config.targets[target].baselineDir;
    if (dir !== undefined) sources[target] = createBaselineSource(dir, target, root === undefined ? {} : { root });
  }
  return sources;
}
