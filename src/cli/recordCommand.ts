import path from 'node:path';
import type { Command } from '../cli';
import { recordBaseline } from '../baseline/recordBaseline';
import { formatHarnessError } from '../errors';
import type { CaseResult } from '../model/result';

export const recordCommand: Command = {
  summary: 'record the legacy side into baselines/<env>/ for offline replay (the candidate is not called)',
  usage: 'parity record [suite files…] [--env NAME] [-t REGEX] [--tag TAG]… [--out DIR] [--allow-writes]',
  options: {
    env: { type: 'string', short: 'e' },
    'test-name-pattern': { type: 'string', short: 't' },
    tag: { type: 'string', multiple: true },
    out: { type: 'string' },
    'allow-writes': { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    const { run, summary, dir } = await recordBaseline({
      root: io.cwd,
      processEnv: io.env,
      signal: io.signal,
      envName: typeof values.env === 'string' ? values.env : undefined,
      files: positionals.length > 0 ? positionals.map((file) => path.resolve(io.cwd, file)) : undefined,
      dir: typeof values.out === 'string' ? values.out : undefined,
      flags: values['allow-writes'] ? { allowWrites: true } : undefined,
      selection: {
        grep: typeof values['test-name-pattern'] === 'string' ? values['test-name-pattern'] : undefined,
        tags: Array.isArray(values.tag) ? (values.tag as string[]) : undefined,
      },
      onCaseDone: (result) => io.stdout.write(`  ${caseLine(result)}\n`),
    });
    const shownDir = path.relative(io.cwd, dir) || '.';
    const errors = run.cases.filter((result) => result.status === 'error');
    const suiteErrors = run.suites.filter((suite) => suite.error);
    const lines = [
      '',
      `Recorded the legacy side of environment "${run.environment.name}" into ${shownDir} (the candidate was not called)`,
      `  ${summary.recordedCases.length} case${summary.recordedCases.length === 1 ? '' : 's'} recorded (${summary.filesWritten} file${summary.filesWritten === 1 ? '' : 's'}), ${summary.keptCases} earlier case${summary.keptCases === 1 ? '' : 's'} kept as they were`,
      `  manifest: ${summary.manifestFile}`,
    ];
    for (const suite of suiteErrors) lines.push(`  suite not loaded: ${formatHarnessError(suite.error!)}`);
    for (const result of errors) lines.push(`  not recorded completely: ${result.id}: ${formatHarnessError(result.error!)}`);
    // The candidate mirrors the legacy, so only the legacy's own expectation checks mean anything here.
    for (const result of run.cases) {
      const broken = result.steps.flatMap((step) => step.expectations.filter((check) => check.target === 'legacy' && !check.ok));
      if (broken.length > 0) lines.push(`  note: the legacy answer breaks the suite's own expectations in ${result.id}: ${broken.map((check) => `${check.check} expected ${JSON.stringify(check.expected)}, got ${JSON.stringify(check.actual)}`).join('; ')}`);
    }
    lines.push(`  replay it: LEGACY_BASELINE=${shownDir} parity run`, '');
    io.stdout.write(lines.join('\n'));
    return errors.length > 0 || suiteErrors.length > 0 || summary.recordedCases.length === 0 ? 2 : 0;
  },
};

function caseLine(result: CaseResult): string {
  switch (result.status) {
    case 'error':
      return `✗ ${result.id}: ${result.error?.message ?? 'error'}`;
    case 'skipped':
      return `- ${result.id} (skipped)`;
    case 'interrupted':
      return `- ${result.id} (interrupted)`;
    default:
      return `✓ ${result.id}`;
  }
}
