import path from 'node:path';
import type { Command } from '../cli';
import { printRunSummary } from '../engine/printRunSummary';
import { formatHarnessError } from '../errors';
import { verdictOf } from '../report/verdict';
import { parseTags } from '../engine/parseTags';
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
    const { run, reportFiles, setupError, failing } = await runParity({
      root: io.cwd,
      processEnv: io.env,
      signal: io.signal,
      envName: typeof values.env === 'string' ? values.env : undefined,
      // Files, folders or globs, as Jest takes paths: `parity run suites/orders` runs every suite below it.
      files: positionals.length > 0 ? positionals : undefined,
      setupErrors: 'report',
      sandbox: values.drift ? { drift: true } : undefined,
      flags: { allowWrites: values['allow-writes'] ? true : undefined, legacyBaseline },
      reportsDir: typeof values.reports === 'string' ? values.reports : undefined,
      shard,
      selection: {
        grep: typeof values['test-name-pattern'] === 'string' ? values['test-name-pattern'] : undefined,
        ...tagSelection(values.tag, io.env),
      },
      onCaseDone: createProgressPrinter({ ci, out: io.stdout }),
      // Every case is streamed to the reports directory and read back from there: memory stays flat however many run.
      retainCases: false,
    });
    // Said once, where a shell shows errors; the reports carry it on every case it stopped.
    if (setupError) io.stderr.write(`parity run: the environment could not be prepared: ${formatHarnessError(setupError)}\n`);
    await printFailures(run, io.stdout, undefined, failing);
    printRunSummary(run, reportFiles.map((file) => path.relative(io.cwd, file)), io.stdout);
    return verdictOf(run).exitCode;
  },
};

/** `--tag` (repeatable, or comma-separated) beats PARITY_TAGS, the variable `npm test` reads. */
function tagSelection(flag: unknown, env: NodeJS.ProcessEnv): { tags?: string[] } {
  const tags = Array.isArray(flag) ? parseTags((flag as string[]).join(',')) : parseTags(env.PARITY_TAGS);
  return tags.length > 0 ? { tags } : {};
}

function pick(values: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => values[key] !== undefined).map((key) => [key, values[key]]));
}
