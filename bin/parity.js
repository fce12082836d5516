#!/usr/bin/env node
'use strict';
const { readdirSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

/**
 * dist/ (compiled by `npm ci` / `npm install` through the `prepare` script) starts without
 * compiling anything. It is used only while its build stamp is newer than every file in src/:
 * after an edit the CLI compiles src/ in place with esbuild-register, so it never runs stale code.
 */
function newestMtimeMs(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(file) : statSync(file).mtimeMs);
  }
  return newest;
}

function freshDist() {
  try {
    return statSync(path.join(root, 'dist', '.build-stamp')).mtimeMs >= newestMtimeMs(path.join(root, 'src'));
  } catch {
    return false;
  }
}

function loadCli() {
  if (process.env.PARITY_FROM_SOURCE !== '1' && freshDist()) return require(path.join(root, 'dist', 'cli.js'));
  require('esbuild-register/dist/node').register({ target: 'node20', hookIgnoreNodeModules: true });
  return require(path.join(root, 'src', 'cli.ts'));
}

const { main } = loadCli();

const controller = new AbortController();
let signals = 0;
const onSignal = (signal) => {
  signals += 1;
  if (signals > 1) {
    process.stderr.write(`\nparity: ${signal} again, stopping without waiting for reports\n`);
    process.exit(130);
  }
  process.stderr.write(`\nparity: ${signal} received, finishing in-flight cases as interrupted and writing reports (again to force)\n`);
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  },
  (error) => {
    process.stderr.write(`parity: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
