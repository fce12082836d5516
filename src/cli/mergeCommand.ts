import path from 'node:path';
import type { Command } from '../cli';
import { HarnessError } from '../errors';
import { printRunSummary } from '../engine/printRunSummary';
import { verdictOf } from '../report/verdict';
import { mergeRuns, readResultsDir } from '../report/mergeResults';
import { writeReports } from '../report/writeReports';
import { remarkMergedRun } from '../engine/partialRun';

export const mergeCommand: Command = {
  summary: 'merge the reports of several shards into one JUnit, results.json, HTML and sign-off',
  usage: 'parity merge <shard reports dir>… [--out DIR]',
  options: { out: { type: 'string', short: 'o' } },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new HarnessError('merge needs at least one reports directory', { hint: 'e.g. parity merge shard-1/reports shard-2/reports --out reports' });
    const runs = await Promise.all(positionals.map((dir) => readResultsDir(path.resolve(io.cwd, dir))));
    // Every shard present: `--shard` no longer makes the merged run partial (other narrowings still do).
    const merged = remarkMergedRun(mergeRuns(runs), runs);
    const out = path.resolve(io.cwd, typeof values.out === 'string' ? values.out : 'reports');
    const files = await writeReports(merged, out);
    printRunSummary(merged, files.map((file) => path.relative(io.cwd, file)), io.stdout);
    return verdictOf(merged).exitCode;
  },
};
