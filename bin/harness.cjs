'use strict';
/**
 * Loads one of the harness's modules the fastest correct way: from dist/ (compiled by `npm ci` /
 * `npm install` through the `prepare` script) while its build stamp is newer than every file in
 * src/, otherwise from src/ itself, compiled in place with esbuild-register — so an edit is never
 * shadowed by a stale build. `PARITY_FROM_SOURCE=1` forces src/. Used by `bin/parity.js` and by the
 * entry points Jest loads in its parent process and workers (`src/jest/*.cjs`), so every one of
 * them — the global setup, the test environment, the teardown — runs the same copy of the engine.
 *
 * Plain CommonJS: it runs before anything is compiled.
 */
const { existsSync, readFileSync, readdirSync, statSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const root = path.join(__dirname, '..');

function newestMtimeMs(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(file) : statSync(file).mtimeMs);
  }
  return newest;
}

let fromDist;
/**
 * Decided once per process: a process never mixes the two copies. An installed package (`npm
 * pack`) ships dist/ without src/: there dist/ is the only copy.
 */
function useDist() {
  if (fromDist === undefined) {
    try {
      const src = path.join(root, 'src');
      fromDist = process.env.PARITY_FROM_SOURCE !== '1' && (!existsSync(src) || statSync(path.join(root, 'dist', '.build-stamp')).mtimeMs >= newestMtimeMs(src));
    } catch {
      fromDist = false;
    }
  }
  return fromDist;
}

/**
 * Requires a dist/ module with dist/'s files compiled as the plain CommonJS they are. In Jest's
 * parent process other hooks sit on `.js` while it loads the global setup (its own transform, and
 * the TypeScript hook its config loader leaves behind): through them, every dist/ file would be
 * compiled again on each start (~0.4 s). Every other file still goes through them.
 */
function requireDist(file) {
  const hooked = Module._extensions['.js'];
  const distDir = path.join(root, 'dist') + path.sep;
  const plain = function plainDist(module, filename) {
    if (filename.startsWith(distDir)) return module._compile(readFileSync(filename, 'utf8'), filename);
    return hooked.call(this, module, filename);
  };
  Module._extensions['.js'] = plain;
  try {
    return require(file);
  } finally {
    if (Module._extensions['.js'] === plain) Module._extensions['.js'] = hooked;
  }
}

let registered = false;
/** `name` without extension, relative to src/ (`cli`, `jest/globalSetup`). */
function loadHarnessModule(name) {
  if (useDist()) return requireDist(path.join(root, 'dist', `${name}.js`));
  // A process whose TypeScript hook is already in place (Jest's config loader) compiles with it.
  if (!registered && !require.extensions['.ts']) require('esbuild-register/dist/node').register({ target: 'node20', hookIgnoreNodeModules: true });
  registered = true;
  return require(path.join(root, 'src', `${name}.ts`));
}

module.exports = { loadHarnessModule };
