/**
 * bin/harness.cjs decides where `parity` and `npm test` load the engine from: dist/ while its build
 * stamp is newer than every file in src/, src/ otherwise (or with PARITY_FROM_SOURCE=1). Checked on
 * a throw-away tree with the real loader, in child processes (the choice is made once per process).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');

function tree(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'parity-harness-loader-'));
  mkdirSync(path.join(root, 'bin'));
  mkdirSync(path.join(root, 'src', 'jest'), { recursive: true });
  mkdirSync(path.join(root, 'dist', 'jest'), { recursive: true });
  copyFileSync(path.join(repoRoot, 'bin', 'harness.cjs'), path.join(root, 'bin', 'harness.cjs'));
  writeFileSync(path.join(root, 'src', 'jest', 'entry.ts'), "export const from: string = 'src';\n");
  writeFileSync(path.join(root, 'dist', 'jest', 'entry.js'), "exports.from = 'dist'; exports.sawHook = require('./helper.js').sawHook;\n");
  writeFileSync(path.join(root, 'dist', 'jest', 'helper.js'), 'exports.sawHook = module.hooked === true;\n');
  return root;
}

/** Loads `jest/entry` through the tree's loader; a `.js` hook like Jest's marks every module it sees. */
function load(root: string, env: Record<string, string> = {}): { from: string; sawHook?: boolean; hookStillThere: boolean } {
  const script = `
    const Module = require('node:module');
    const original = Module._extensions['.js'];
    const hook = function (module, filename) { module.hooked = true; return original.call(this, module, filename); };
    Module._extensions['.js'] = hook;
    const loaded = require(${JSON.stringify(path.join(root, 'bin', 'harness.cjs'))}).loadHarnessModule('jest/entry');
    process.stdout.write(JSON.stringify({ from: loaded.from, sawHook: loaded.sawHook, hookStillThere: Module._extensions['.js'] === hook }));
  `;
  const child = spawnSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH ?? '', NODE_PATH: path.join(repoRoot, 'node_modules'), ...env }, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout) as { from: string; sawHook?: boolean; hookStillThere: boolean };
}

const stamp = (root: string, when: Date): void => {
  writeFileSync(path.join(root, 'dist', '.build-stamp'), 'built\n');
  utimesSync(path.join(root, 'dist', '.build-stamp'), when, when);
};

describe('where the harness is loaded from', () => {
  let root: string;
  beforeEach(() => {
    root = tree();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('loads dist/ while its build is newer than every source file, as plain CommonJS past other .js hooks, and puts the hooks back', () => {
    stamp(root, new Date(Date.now() + 60_000));
    expect(load(root)).toEqual({ from: 'dist', sawHook: false, hookStillThere: true });
  });

  it('loads src/ once a source file is newer than the build, and when PARITY_FROM_SOURCE=1', () => {
    stamp(root, new Date(Date.now() - 60_000));
    expect(load(root).from).toBe('src');
    stamp(root, new Date(Date.now() + 60_000));
    expect(load(root, { PARITY_FROM_SOURCE: '1' }).from).toBe('src');
  });

  it('loads src/ when dist/ was never built', () => {
    expect(load(root).from).toBe('src');
  });

  it('loads dist/ in an installed package, which ships no src/', () => {
    rmSync(path.join(root, 'src'), { recursive: true });
    expect(load(root).from).toBe('dist');
  });
});
