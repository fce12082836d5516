import path from 'node:path';
import { HarnessError, SuiteError } from '../errors';
import { loadGlobalConfig, type GlobalConfig } from './loadGlobalConfig';
import { loadSuiteFile } from './loadSuiteFile';
import { relativeFile } from './readYamlFile';
import type { Suite } from './types';

export interface LoadSuitesOptions {
  root: string;
  /**
   * Already loaded global rules and vars (or the error loading them gave, from
   * `loadGlobalConfigOrError`); when absent, `suites/_global.yaml` is read here.
   */
  global?: GlobalConfig | SuiteError;
  /**
   * Checks run on each loaded suite before any request is sent (e.g. that its API contracts load);
   * one that throws makes that file a load error like a malformed suite.
   */
  check?: (suite: Suite) => void;
}

/** One entry per requested file, in the same order: a suite, or why that file could not load. */
export type SuiteLoadResult = { file: string; suite: Suite; error?: undefined } | { file: string; suite?: undefined; error: SuiteError };

/**
 * Loads many suites; one bad file never stops the others. A broken `_global.yaml` affects every
 * suite, so each result then carries that same error (the report shows which file to fix).
 */
export function loadSuites(files: readonly string[], options: LoadSuitesOptions): SuiteLoadResult[] {
  const global = options.global ?? loadGlobalConfigOrError(options.root);
  return files.map((file) => {
    const relative = relativeFile(options.root, path.resolve(options.root, file));
    if (global instanceof SuiteError) return { file: relative, error: global };
    try {
      const suite = loadSuiteFile(file, { root: options.root, ...global });
      options.check?.(suite);
      return { file: relative, suite };
    } catch (error) {
      return { file: relative, error: asSuiteError(error, relative) };
    }
  });
}

/** `suites/_global.yaml` once per run, or the error that every suite then carries. */
export function loadGlobalConfigOrError(root: string): GlobalConfig | SuiteError {
  try {
    return loadGlobalConfig(root);
  } catch (error) {
    return asSuiteError(error, 'suites/_global.yaml');
  }
}

/** Anything unexpected still becomes a SuiteError about that file, keeping the original as cause. */
function asSuiteError(error: unknown, file: string): SuiteError {
  if (error instanceof SuiteError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SuiteError(`${file}: could not load: ${message}`, {
    file,
    cause: error,
    hint: (error instanceof HarnessError && error.hint) || undefined,
  });
}
