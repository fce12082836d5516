import path from 'node:path';
import type { Command } from '../cli';
import { exitCodes, printRunSummary } from '../engine/printRunSummary';
import { verdictOf } from '../report/verdict';
import { runParity } from '../engine/runParity';
import { createProgressPrinter } from './progress';
import { parseShard } from './parseShard';
import { printFailures } from './printFailures';
import { recordCommand } from './recordCommand';

export const runCommand: Command = {
  summary: 'run suites against both targets (without Jest) and write the reports',
  usage: 'parity run [suite files…] [--env NAME] [--drift] [-t REGEX] [--tag TAG]… [--shard i/n] [--reports DIR] [--allow-writes] [--legacy-baseline DIR [--update-baseline]]',
  options: {
    env: { type: 'string', short: 'e' },
    drift: { type: 'boolean' },
    'test-name-pattern': { type: 'string', short: 't' },
    tag: { type: 'string', multiple: true },
    shard: { type: 'string' },
    reports: { type: 'string' },
    'allow-writes': { type: 'boolean' },
    'legacy-baseline': { type: 'string' },
    'update-baseline': { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    const shard = typeof values.shard === 'string' ? parseShard(values.shard) : undefined;
    const envName = typeof values.env === 'string' ? values.env : (io.env.PARITY_ENV ?? 'sandbox');
    let legacyBaseline = typeof values['legacy-baseline'] === 'string' ? values['legacy-baseline'] : io.env.LEGACY_BASELINE;
    if (values['update-baseline']) {
      // Re-record only the selected cases (the same files, -t and --tag), keep the rest, then compare.
      legacyBaseline ??= path.join('baselines', envName);
      const recorded = await recordCommand.run(
        {
          values: { ...pick(values, ['env', 'test-name-pattern', 'tag', 'allow-writes']), out: legacyBaseline },
          positionals,
        },
        io,
      );
      if (recorded !== 0) return recorded;
    }
    const ci = /^(1|true)$/i.test(io.env.CI ?? '');
    const { run, reportFiles } = await runParity({
      root: io.cwd,
      processEnv: io.env,
      signal: io.signal,
      ...(typeof values.env === 'string' ? { envName: values.env } : {}),
      ...(positionals.length > 0 ? { files: positionals.map((file) => path.resolve(io.cwd, file)) } : {}),
      ...(values.drift ? { sandbox: { drift: true } } : {}),
      flags: { ...(values['allow-writes'] ? { allowWrites: true } : {}), ...(legacyBaseline ? { legacyBaseline } : {}) },
      ...(typeof values.reports === 'string' ? { reportsDir: values.reports } : {}),
      ...(shard ? { shard } : {}),
      selection: {
        ...(typeof values['test-name-pattern'] === 'string' ? { grep: values['test-name-pattern'] } : {}),
        ...(Array.isArray(values.tag) ? { tags: values.tag as string[] } : {}),
      },
      onCaseDone: createProgressPrinter({ ci, out: io.stdout }),
    });
    printFailures(run, io.stdout);
    printRunSummary(run, reportFiles.map((file) => path.relative(io.cwd, file)), io.stdout);
    return exitCodes[verdictOf(run).gate];
  },
};

function pick(values: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => values[key] !== undefined).map((key) => [key, values[key]]));
}
