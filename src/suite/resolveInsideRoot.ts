import { realpathSync } from 'node:fs';
import path from 'node:path';

export type InsideRoot = { absolute: string; shown: string } | { problem: string; hint: string };

/**
 * A file a suite refers to (`each: data/rows.csv`), resolved against the suite's folder and
 * confined to the project root: `../../../../etc/passwd`, an absolute path elsewhere, or a
 * symbolic link that leads out are refused before anything is read. A suite comes from a
 * repository or an importer; it must not make the harness read (and quote in a report) files
 * the project does not own. The refusal names the reference, never the file's content.
 */
export function resolveInsideRoot(root: string, fromDir: string, reference: string): InsideRoot {
  const absolute = path.resolve(fromDir, reference);
  const realRoot = realOrSelf(root);
  const shown = path.relative(root, absolute).split(path.sep).join('/');
  const outside = { problem: `"${reference}" is outside the project folder`, hint: 'Keep data files inside the project (for example next to the suite, or under data/) and refer to them by a relative path.' };
  if (!isInside(path.resolve(root), absolute) && !isInside(realRoot, absolute)) return outside;
  // The path is inside; where it really leads (symbolic links) must be too.
  const real = realOrSelf(absolute);
  if (!isInside(realRoot, real)) return { ...outside, problem: `"${reference}" leads outside the project folder (through a symbolic link)` };
  return { absolute, shown };
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function realOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}
