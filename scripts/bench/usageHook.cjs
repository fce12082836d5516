'use strict';
/**
 * Preloaded (`node --require …/usageHook.cjs bin/parity.js …`) into a measured process by the
 * scale benchmark — nothing in src/ changes. When the process exits, it appends one line of JSON
 * to $BENCH_USAGE_FILE with the kernel's own account of it: peak RSS (`maxRSS`, KiB) and CPU time
 * (user + system, µs) over the process's whole life, and how long it lived (ms).
 * Plain CommonJS: it runs before any transpiler is registered.
 */
const fs = require('node:fs');

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.once('exit', (code) => {
    const usage = process.resourceUsage();
    const record = { pid: process.pid, code, maxRssKiB: usage.maxRSS, userUs: usage.userCPUTime, systemUs: usage.systemCPUTime, lifeMs: Math.round(performance.now()) };
    fs.appendFileSync(file, `${JSON.stringify(record)}\n`);
  });
}
