#!/usr/bin/env node
'use strict';
// The harness is TypeScript run in place: esbuild-register compiles each module on first load
// (no build step, no stale dist/). Only our own sources are hooked; node_modules load as usual.
require('esbuild-register/dist/node').register({ target: 'node20', hookIgnoreNodeModules: true });
const path = require('node:path');
const { main } = require(path.join(__dirname, '..', 'src', 'cli.ts'));

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
