import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseRules } from './parseRules';
import { emptyRules } from './mergeRules';
import { readVars } from './readVars';
import { readYamlFile } from './readYamlFile';
import { globalKeys } from './schema';
import type { ParityRules } from './types';

/**
 * Rules and vars from `suites/_global.yaml`, applied to every suite (suites and cases override).
 * The field names are those of `LoadSuiteOptions`, so `loadSuiteFile(file, { root, ...global })`
 * passes them on.
 */
export interface GlobalConfig {
  /** The file that was read, relative to the root; absent when there is none. */
  globalFile?: string;
  globalRules: ParityRules;
  globalVars: Record<string, unknown>;
}

const globalConfigFiles = ['suites/_global.yaml', 'suites/_global.yml'] as const;

/** Reads `suites/_global.yaml` (or `.yml`); no file means no global rules. Throws `SuiteError`. */
export function loadGlobalConfig(root: string): GlobalConfig {
  const file = globalConfigFiles.find((candidate) => existsSync(path.join(root, candidate)));
  if (!file) return { globalRules: emptyRules(), globalVars: {} };
  const { reader, issues, file: relative } = readYamlFile(file, root);
  const rootCursor = reader.root();
  if (reader.isAbsent(rootCursor)) return { globalFile: relative, globalRules: emptyRules(), globalVars: {} };
  const entries = reader.map(rootCursor, globalKeys, `${relative} (only rules: and vars:)`);
  const rulesAt = entries?.get('rules');
  const rules = rulesAt ? parseRules(reader, rulesAt, 'global', relative) : emptyRules();
  const vars = readVars(reader, entries?.get('vars')) ?? {};
  issues.throwIfAny();
  return { globalFile: relative, globalRules: rules, globalVars: vars };
}
