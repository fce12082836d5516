'use strict';
/**
 * Jest reporter for parity runs: a line per case on a terminal (like Newman), and in CI
 * (`CI=true`) only failures plus a plain progress line every 10 % or 10 s. Totals grow as suite
 * files start, because Jest only learns how many tests a file has when it runs it; the count of
 * cases per file is read from the YAML up front so the total is known early.
 * Plain JS: Jest loads reporters without transforming them.
 */
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
  }

  onRunStart(aggregatedResults) {
    globalThis[outcomesKey] = { planned: aggregatedResults.numTotalTestSuites, finished: new Map() };
  }

  onTestFileStart(test) {
    this.total += countCases(test.path);
  }

  onTestCaseResult(test, result) {
    this.done += 1;
    const failed = result.status === 'failed';
    if (failed) this.failures += 1;
    const elapsed = Math.max(1, Date.now() - this.started) / 1000;
    const totals = `[${this.done}/${Math.max(this.total, this.done)}] ${this.failures} failing · ${(this.done / elapsed).toFixed(1)} cases/s`;
    const name = [...result.ancestorTitles, result.title].join(' › ');
    const status = failed ? 'FAIL' : result.status === 'passed' ? 'PASS' : 'SKIP';
    const line = `${status} ${name} (${Math.round(result.duration || 0)} ms)`;
    if (!this.ci) {
      process.stdout.write(`${line}  ${totals}\n`);
      return;
    }
    if (failed) process.stdout.write(`${line}\n`);
    const decile = this.total > 0 ? Math.floor((this.done / this.total) * 10) : 0;
    if (decile > this.lastDecile || Date.now() - this.lastPrint >= 10000) {
      this.lastDecile = decile;
      this.lastPrint = Date.now();
      process.stdout.write(`progress ${totals}\n`);
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

  getLastError() {
    return undefined;
  }
}

/** Case count of a suite file, without validating it (the loader does that when the file runs). */
function countCases(file) {
  if (!/\.ya?ml$/.test(file)) return 1;
  try {
    const parsed = require('yaml').parse(fs.readFileSync(file, 'utf8'));
    const cases = parsed && Array.isArray(parsed.cases) ? parsed.cases : [];
    const count = cases.reduce((sum, testCase) => sum + rowsOf(testCase, path.dirname(file)), 0);
    return Math.max(1, count);
  } catch {
    return 1;
  }
}

/** A data-driven case (`each:`) is one test per row: inline rows, or CSV lines after the header. */
function rowsOf(testCase, dir) {
  const each = testCase && testCase.each;
  if (Array.isArray(each)) return Math.max(1, each.length);
  if (typeof each === 'string') {
    try {
      const lines = fs.readFileSync(path.resolve(dir, each), 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
      return Math.max(1, lines.length - 1);
    } catch {
      return 1;
    }
  }
  return 1;
}

module.exports = ParityProgressReporter;
