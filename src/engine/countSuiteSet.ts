import path from 'node:path';
import { discoverSuites } from '../suite/discoverSuites';
import { loadSuites } from '../suite/loadSuites';

/**
 * How many cases the whole suite set holds (every suite file under suites/, data rows expanded):
 * the "of M" of a partial run. Files the run already loaded count with what it recorded; only the
 * files a narrowed run left out are loaded here, so a full run pays nothing extra. A file that
 * does not load counts 0 (its error is reported by a run that selects it).
 */
export function countSuiteSet(root: string, counted: ReadonlyMap<string, { caseCount: number }>): number {
  let total = 0;
  for (const { caseCount } of counted.values()) total += caseCount;
  let all: string[];
  try {
    all = discoverSuites(root);
  } catch {
    return total;
  }
  const rest = all.filter((file) => !counted.has(path.relative(root, file).split(path.sep).join('/')));
  for (const loaded of loadSuites(rest, { root })) total += loaded.suite?.cases.length ?? 0;
  return total;
}
