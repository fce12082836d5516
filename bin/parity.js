#!/usr/bin/env node
'use strict';
const { loadHarnessModule } = require('./harness.cjs');

// dist/ while it is fresh, else src/ compiled in place (bin/harness.cjs).
const { main } = loadHarnessModule('cli');

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
