import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BaselineError } from '../errors';
import type { TargetName } from '../model/result';
import { inFolder, manifestFileName } from './baselinePaths';

/** Bump when the layout or the meaning of a field changes; older harnesses refuse newer baselines. */
export const baselineFormat = 'parity-baseline/1' as const;

/**
 * `manifest.json`: what was recorded, by which harness, from which environment, and the sha256 of
 * every file, so a replay can tell a recording from a hand-edited file.
 */
export interface BaselineManifest {
  format: typeof baselineFormat;
  harnessVersion: string;
  env: string;
  /** The side that was recorded (normally `legacy`). */
  target: TargetName;
  profile: string;
  /** When the manifest was last written (a partial re-record keeps the other cases' own dates). */
  recordedAt: string;
  /** Per-API base URL at recording time, keyed like `*_API_<NAME>_URL` (lower-cased `<NAME>`). */
  apis: Record<string, string>;
  cases: BaselineCaseEntry[];
  /** Baseline-relative `/` path → sha256 (hex) of the file's bytes. */
  files: Record<string, string>;
}

export interface BaselineCaseEntry {
  id: string;
  dir: string;
  recordedAt: string;
  files: string[];
}

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Pretty JSON, cases by id and files by path, so two recordings of the same cases diff cleanly. */
export function renderManifest(manifest: BaselineManifest): string {
  const ordered: BaselineManifest = {
    format: manifest.format,
    harnessVersion: manifest.harnessVersion,
    env: manifest.env,
    target: manifest.target,
    profile: manifest.profile,
    recordedAt: manifest.recordedAt,
    apis: Object.fromEntries(Object.keys(manifest.apis).sort().map((key) => [key, manifest.apis[key]!])),
    cases: [...manifest.cases]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((entry) => ({ id: entry.id, dir: entry.dir, recordedAt: entry.recordedAt, files: [...entry.files].sort() })),
    files: Object.fromEntries(Object.keys(manifest.files).sort().map((file) => [file, manifest.files[file]!])),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * Reads `<dir>/manifest.json`; undefined when there is none. `shown` is how messages name the
 * folder (relative to the project root when possible).
 */
export function readManifest(dir: string, shown: string): BaselineManifest | undefined {
  const file = path.join(dir, manifestFileName);
  const shownFile = inFolder(shown, manifestFileName);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BaselineError(`cannot read ${shownFile}: ${(error as Error).message}`, { file: shownFile });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badManifest(shownFile, `it is not JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badManifest(shownFile, 'it is not a JSON object');
  const manifest = value as Partial<BaselineManifest>;
  if (manifest.format !== baselineFormat) {
    throw badManifest(shownFile, `format is ${JSON.stringify(manifest.format)}, this harness reads ${JSON.stringify(baselineFormat)}`);
  }
  const validCases = Array.isArray(manifest.cases) && manifest.cases.every((entry) => typeof entry?.id === 'string' && typeof entry.dir === 'string' && Array.isArray(entry.files));
  const validFiles = typeof manifest.files === 'object' && manifest.files !== null && Object.values(manifest.files).every((sha) => typeof sha === 'string');
  if (!validCases || !validFiles || typeof manifest.apis !== 'object' || manifest.apis === null) {
    throw badManifest(shownFile, 'it needs "cases" (id, dir, files), "files" (path → sha256) and "apis"');
  }
  return manifest as BaselineManifest;
}

function badManifest(file: string, why: string): BaselineError {
  return new BaselineError(`${file} is not a baseline manifest: ${why}`, {
    file,
    hint: 'The manifest is written by `parity record`; restore it from git or record the baseline again.',
  });
}
