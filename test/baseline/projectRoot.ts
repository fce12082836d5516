import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(__dirname, '..', '..');

/**
 * A throwaway project root for end-to-end runs: the repo's `env/sandbox.env` and `specs/`, and
 * the suites a test writes. Tests never touch the repo's own suites/ or baselines/.
 */
export interface ProjectRoot {
  dir: string;
  writeSuite(name: string, yaml: string): string;
  remove(): void;
}

export function createProjectRoot(prefix: string): ProjectRoot {
  const dir = mkdtempSync(path.join(os.tmpdir(), `parity-${prefix}-`));
  cpSync(path.join(repo, 'env', 'sandbox.env'), path.join(dir, 'env', 'sandbox.env'));
  cpSync(path.join(repo, 'specs'), path.join(dir, 'specs'), { recursive: true });
  mkdirSync(path.join(dir, 'suites'), { recursive: true });
  return {
    dir,
    writeSuite(name, yaml) {
      const file = path.join(dir, 'suites', name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, yaml);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Only what the runs need from the real environment: no PARITY_* or LEGACY_* leaks in from the shell. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', ...extra };
}

/** A loopback port nothing listens on (bound, then closed), for "this gateway is gone". */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const fixturesDir = path.join(repo, 'test', 'fixtures', 'import');
export const repoRoot = repo;
