import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BaselineFacts } from '../model/result';
import { inFolder, manifestFileName, shownFolder } from './baselinePaths';
import { readManifest, sha256Hex } from './manifest';

function originOf(url: string): string[] {
  try {
    return [new URL(url).origin];
  } catch {
    return [];
  }
}

/**
 * What the sign-off says about a replayed baseline: the manifest's own sha256 (the manifest holds
 * the sha256 of every recording, so this one hash pins them all), when and from which hosts it
 * was recorded. Undefined when the folder has no readable manifest — the run itself reports that
 * as an error, and a report must still be written.
 */
export function describeBaseline(root: string, dir: string): BaselineFacts | undefined {
  const absolute = path.resolve(root, dir);
  const shown = shownFolder(absolute, path.resolve(root));
  try {
    const manifest = readManifest(absolute, shown);
    if (!manifest) return undefined;
    const bytes = readFileSync(path.join(absolute, manifestFileName));
    return {
      folder: shown,
      manifest: inFolder(shown, manifestFileName),
      sha256: sha256Hex(bytes),
      recordedAt: manifest.recordedAt,
      recordedHosts: [...new Set(Object.values(manifest.apis).flatMap(originOf))].sort(),
      env: manifest.env,
      profile: manifest.profile,
      harnessVersion: manifest.harnessVersion,
      cases: manifest.cases.length,
    };
  } catch {
    return undefined;
  }
}
