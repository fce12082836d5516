import path from 'node:path';
import type { Command } from '../cli';
import { printRunSummary } from '../engine/printRunSummary';
import { verdictOf } from '../report/verdict';
import { readResultsDir } from '../report/mergeResults';

export const gateCommand: Command = {
  summary: 'exit 0/1/2 from a written results.json (for CI steps that run after npm test or merge)',
  usage: 'parity gate [reports dir, default reports]',
  options: {},
  async run({ positionals }, io) {
    const dir = path.resolve(io.cwd, positionals[0] ?? 'reports');
    const run = await readResultsDir(dir);
    printRunSummary(run, [], io.stdout);
    return verdictOf(run).exitCode;
  },
};
