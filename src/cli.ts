import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatHarnessError, HarnessError, toErrorInfo } from './errors';
import { commandHelp } from './cli/commandHelp';
import { gateCommand } from './cli/gateCommand';
import { importCommand } from './cli/importCommand';
import { mergeCommand } from './cli/mergeCommand';
import { recordCommand } from './cli/recordCommand';
import { runCommand } from './cli/runCommand';
import { sandboxCommand } from './cli/sandboxCommand';
import { harnessVersion } from './engine/harnessVersion';
import { escapingWriter } from './shared/escapeControlChars';
import { didYouMean } from './shared/didYouMean';

/**
 * `parity <command>` — thin: parse flags, call the library, return the exit code. It never
 * calls process.exit() and never writes report files itself.
 */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM by the bin script. */
  signal: AbortSignal;
}

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: { values: Record<string, unknown>; positionals: string[] }, io: CliIo): Promise<number>;
}

export const commands: Record<string, Command> = {
  run: runCommand,
  sandbox: sandboxCommand,
  merge: mergeCommand,
  gate: gateCommand,
  record: recordCommand,
  import: importCommand,
};

/** Exit code for usage mistakes and harness errors (see README: 0 pass, 1 regressions, 2 errors). */
const usageExit = 2;

export async function main(argv: string[], given: CliIo): Promise<number> {
  // Case names, gateway messages and token-endpoint errors reach the terminal: never as raw
  // control sequences (a cleared screen, a fake "verdict: PASS", a window title).
  const io: CliIo = { ...given, stdout: escapingWriter(given.stdout), stderr: escapingWriter(given.stderr) };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText());
    return name ? 0 : usageExit;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${harnessVersion}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`parity: unknown command "${name}"${suggest(name, Object.keys(commands))}\n\n${helpText()}`);
    return usageExit;
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr.write(`parity ${name}: ${(error as Error).message}\n\nusage: ${command.usage}\n`);
    return usageExit;
  }
  if (parsed.values.help) {
    io.stdout.write(`usage: ${command.usage}\n\n${command.summary}\n${commandHelp[name] ? `\n${commandHelp[name]}` : ''}`);
    return 0;
  }
  try {
    return await command.run(parsed, io);
  } catch (error) {
    // User mistakes (HarnessError) are told without a stack; anything else is a bug worth one.
    if (error instanceof HarnessError) io.stderr.write(`parity ${name}: ${formatHarnessError(toErrorInfo(error))}\n`);
    else io.stderr.write(`parity ${name}: unexpected failure — please report it with this trace:\n${(error as Error).stack ?? String(error)}\n`);
    return usageExit;
  }
}

function helpText(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return [
    'parity — contract-parity harness for migrating APIs from WSO2 API Cloud to Choreo',
    '',
    'usage: parity <command> [options]   (parity <command> --help for its options)',
    '',
    'commands:',
    ...lines,
    '',
    'exit codes: 0 every case passed · 1 regressions found · 2 harness errors (bad input, unreachable target, …)',
    '',
  ].join('\n');
}

function suggest(input: string, known: string[]): string {
  const close = didYouMean(input, known);
  return close ? `. Did you mean "${close}"?` : '';
}
