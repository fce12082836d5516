import { execFileSync } from 'node:child_process';

/** The commit the suites were run from, for the sign-off; undefined outside a git checkout. */
export function gitInfo(root: string): { commit: string; dirty: boolean } | undefined {
  try {
    const options = { cwd: root, encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'ignore'] as ['ignore', 'pipe', 'ignore'] };
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], options).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], options).trim();
    return { commit, dirty: status.length > 0 };
  } catch {
    return undefined;
  }
}
