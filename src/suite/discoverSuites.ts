import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { didYouMeanSuffix } from '../shared/didYouMean';
import { createSuiteError } from './suiteIssues';

/** Where suites live and what counts as one when no patterns are given. */
const suiteDiscoveryDefaults = {
  patterns: ['suites/**/*.yaml', 'suites/**/*.yml'],
  /** Folders never searched. */
  skipDirs: ['node_modules', '.git'],
} as const;

/**
 * Finds suite files. Patterns are relative to the root: a file, a folder (every suite below it),
 * or a glob with `*`, `**` and `?`. Files whose name starts with `_` (`_global.yaml`) are not
 * suites. Returns absolute paths sorted by their relative path, so runs and shards are stable.
 * A pattern that matches nothing is an error: it is almost always a typo.
 */
export function discoverSuites(root: string, patterns: readonly string[] = suiteDiscoveryDefaults.patterns): string[] {
  const all = listYamlFiles(root);
  const found = new Set<string>();
  for (const pattern of patterns) {
    const normalized = pattern.split(path.sep).join('/').replace(/^\.\//, '').replace(/\/$/, '');
    const matches = matchPattern(root, normalized, all);
    if (matches.length === 0 && patterns !== suiteDiscoveryDefaults.patterns) {
      throw createSuiteError(normalized, {}, `no suite file matches "${pattern}".${didYouMeanSuffix(normalized, all)}`, all.length ? `Suite files here: ${all.slice(0, 10).join(', ')}${all.length > 10 ? ', …' : ''}.` : 'There are no .yaml/.yml files under the project root.');
    }
    for (const match of matches) found.add(match);
  }
  return [...found].sort().map((relative) => path.join(root, ...relative.split('/')));
}

function matchPattern(root: string, pattern: string, all: readonly string[]): string[] {
  const isSuite = (file: string) => !path.posix.basename(file).startsWith('_');
  if (!/[*?]/.test(pattern)) {
    const absolute = path.resolve(root, pattern);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      return [];
    }
    const relative = path.relative(root, absolute).split(path.sep).join('/');
    if (stat.isFile()) return [relative];
    return all.filter((file) => file.startsWith(`${relative}/`) && isSuite(file));
  }
  const regex = globToRegExp(pattern);
  return all.filter((file) => regex.test(file) && isSuite(file));
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i += 1) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more folders.
      out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Every .yaml/.yml file under the root, relative, forward slashes. */
function listYamlFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!(suiteDiscoveryDefaults.skipDirs as readonly string[]).includes(entry.name) && !entry.name.startsWith('.')) walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      } else if (/\.ya?ml$/i.test(entry.name)) out.push(`${prefix}${entry.name}`);
    }
  };
  walk(root, '');
  return out;
}
