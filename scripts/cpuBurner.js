#!/usr/bin/env node
'use strict';
/**
 * Keeps N cores busy (default: all) for at most `--seconds` (default 600), then exits by itself.
 * CI runs the fast test tier under it to prove the tests do not depend on an idle machine:
 *   node scripts/cpuBurner.js --seconds 600 & burner=$!; npm run test:fast; kill "$burner"
 */
const { Worker, isMainThread, workerData } = require('node:worker_threads');
const os = require('node:os');

if (isMainThread) {
  const arg = (name, fallback) => {
    const index = process.argv.indexOf(name);
    return index > 0 ? Number(process.argv[index + 1]) : fallback;
  };
  const seconds = arg('--seconds', 600);
  const cores = arg('--cores', os.availableParallelism());
  const until = Date.now() + seconds * 1000;
  for (let i = 0; i < cores; i += 1) new Worker(__filename, { workerData: { until } });
  const stop = () => process.exit(0);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  let x = 0;
  while (Date.now() < workerData.until) {
    for (let i = 0; i < 1e6; i += 1) x = (x * 31 + i) % 1000003;
  }
}
