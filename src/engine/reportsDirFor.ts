import path from 'node:path';
import { runDefaults } from '../config/defaults';
import type { EnvConfig } from '../config/types';

/**
 * Where a run's reports go, with the one precedence rule: `--reports` > PARITY_REPORTS_DIR >
 * the env file > `reports`. When the environment itself did not load (the reason the report is
 * written), the process environment still decides, so the report lands where CI looks for it.
 */
export function reportsDirFor(root: string, options: { flag?: string; config?: EnvConfig | undefined; processEnv: NodeJS.ProcessEnv }): string {
  const fromEnv = options.processEnv.PARITY_REPORTS_DIR?.trim();
  const dir = options.flag ?? options.config?.run.reportsDir ?? (fromEnv ? fromEnv : runDefaults.reportsDir);
  return path.resolve(root, dir);
}
