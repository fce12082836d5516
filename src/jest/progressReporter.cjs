'use strict';
/**
 * Jest reporter for parity runs: a line per case on a terminal (like Newman), and in CI
 * (`CI=true`) only failures plus a plain progress line every 10 % or 10 s. Totals grow as suite
 * files start, because Jest only learns how many tests a file has when it runs it. The worker
 * says how many tests its file defines (every `each:` row is one) in the first lines of the
 * file's part (src/jest/parts.ts), written as the file is defined, before its first case starts:
 * the reporter reads that line when the file's first test starts, instead of parsing the suite
 * file a second time.
 * Plain JS: Jest loads reporters without transforming them.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/** Shared with the global teardown (src/jest/fileOutcomes.ts): what Jest saw of each test file. */
const outcomesKey = Symbol.for('choreo-parity.fileOutcomes');

class ParityProgressReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    this.ci = /^(1|true)$/i.test(process.env.CI || '');
    this.total = 0;
    this.done = 0;
    this.failures = 0;
    this.started = Date.now();
    this.lastPrint = this.started;
    this.lastDecile = 0;
    /** Test files whose tests are counted in `total`. */
    this.counted = new Set();
  }

  onRunStart(aggregatedResults) {
    globalThis[outcomesKey] = { planned: aggregatedResults.numTotalTestSuites, finished: new Map() };
  }

  onTestCaseStart(test) {
    this.count(test.path);
  }

  onTestCaseResult(test, result) {
    this.count(test.path);
    this.done += 1;
    const failed = result.status === 'failed';
    if (failed) this.failures += 1;
    // Called for every case: in CI most calls print nothing, so lines are only built when printed.
    const totals = () => {
      const elapsed = Math.max(1, Date.now() - this.started) / 1000;
      return `[${this.done}/${Math.max(this.total, this.done)}] ${this.failures} failing · ${(this.done / elapsed).toFixed(1)} cases/s`;
    };
    const line = () => {
      const status = failed ? 'FAIL' : result.status === 'passed' ? 'PASS' : 'SKIP';
      return `${status} ${[...result.ancestorTitles, result.title].join(' › ')} (${Math.round(result.duration || 0)} ms)`;
    };
    if (!this.ci) {
      process.stdout.write(`${line()}  ${totals()}\n`);
      return;
    }
    if (failed) process.stdout.write(`${line()}\n`);
    const decile = this.total > 0 ? Math.floor((this.done / this.total) * 10) : 0;
    const now = Date.now();
    if (decile > this.lastDecile || now - this.lastPrint >= 10000) {
      this.lastDecile = decile;
      this.lastPrint = now;
      process.stdout.write(`progress ${totals()}\n`);
    }
  }

  onTestFileResult(test, testResult) {
    const outcomes = globalThis[outcomesKey];
    if (outcomes) outcomes.finished.set(test.path, testResult.testExecError ? { execError: testResult.testExecError.message } : {});
    // A file that could not run at all (not a case failure) is told here with Jest's message.
    if (testResult.testExecError) {
      process.stdout.write(`ERROR ${path.relative(this.rootDir, test.path)}: ${testResult.testExecError.message}\n`);
    }
  }

  onRunComplete(_contexts, results) {
    // Jest calls this (and then the global teardown) as soon as --bail trips, while other files
    // may still be running: a run that ends with files unfinished was cut short.
    const outcomes = globalThis[outcomesKey];
    const done = results.numPassedTestSuites + results.numFailedTestSuites + results.numRuntimeErrorTestSuites + results.numPendingTestSuites;
    if (outcomes) outcomes.unfinishedAtEnd = Math.max(0, results.numTotalTestSuites - done);
  }

  getLastError() {
    return undefined;
  }

  /** Adds a file's tests to the total once; a file that announced none counts as it reports. */
  count(testFile) {
    if (this.counted.has(testFile)) return;
    this.counted.add(testFile);
    this.total += definedTests(testFile);
    // In CI, progress is printed at each tenth of the total: a grown total starts counting tenths anew.
    this.lastDecile = this.total > 0 ? Math.floor((this.done / this.total) * 10) : 0;
  }
}

/**
 * How many tests a suite file defines, from the `suite` line of its part: its cases (every
 * `each:` row is one), or the one "suite loads" test of a file that did not load. 0 when the part
 * cannot be read (the run's totals then grow with the results). The part's directory and name
 * follow runState.ts (PARITY_PARTS_DIR, published by the global setup in this process) and
 * parts.ts (`partFile`).
 */
function definedTests(testFile) {
  const dir = process.env.PARITY_PARTS_DIR;
  if (!dir) return 0;
  const file = path.join(dir, `${crypto.createHash('sha256').update(testFile).digest('hex').slice(0, 16)}.ndjson`);
  for (const line of headLines(file, 2)) {
    try {
      const value = JSON.parse(line);
      if (value && value.suite) return value.suite.error ? 1 : Number(value.caseCount) || 0;
    } catch {
      return 0;
    }
  }
  return 0;
}

/** The first `count` complete lines of a file, reading only as far as they go (a part grows with every case). */
function headLines(file, count) {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return [];
  }
  try {
    const chunks = [];
    const chunk = Buffer.alloc(64 * 1024);
    let lines = [];
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read > 0) chunks.push(Buffer.from(chunk.subarray(0, read)));
      lines = Buffer.concat(chunks).toString('utf8').split('\n');
      // The last element is a line not yet complete (or empty after a final newline).
      if (lines.length > count || read === 0) return lines.slice(0, Math.min(count, lines.length - 1));
    }
  } finally {
    fs.closeSync(fd);
  }
}

module.exports = ParityProgressReporter;
