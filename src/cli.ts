import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatHarnessError, HarnessError, toErrorInfo } from './errors';
import { commandHelp } from './cli/commandHelp';
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

/**
 * Each command is loaded when it is first used: `parity run` does not pay for the importers or
 * the HAR recorder (about half a second of module loading), `parity gate` not for the engine.
 */
const commandLoaders: Record<string, () => Command> = {
  run: () => (require('./cli/runCommand') as typeof import('./cli/runCommand')).runCommand,
  sandbox: () => (require('./cli/sandboxCommand') as typeof import('./cli/sandboxCommand')).sandboxCommand,
  merge: () => (require('./cli/mergeCommand') as typeof import('./cli/mergeCommand')).mergeCommand,
  gate: () => (require('./cli/gateCommand') as typeof import('./cli/gateCommand')).gateCommand,
  record: () => (require('./cli/recordCommand') as typeof import('./cli/recordCommand')).recordCommand,
  import: () => (require('./cli/importCommand') as typeof import('./cli/importCommand')).importCommand,
};

export const commands: Readonly<Record<string, Command>> = Object.defineProperties(
  {},
  Object.fromEntries(
    Object.entries(commandLoaders).map(([name, load]) => {
      let loaded: Command | undefined;
      return [name, { enumerable: true, get: () => (loaded ??= load()) }];
    }),
  ),
);

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
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
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
