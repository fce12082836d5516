import { commands, main, type CliIo } from '../../src/cli';

function io(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: {},
    cwd: process.cwd(),
    signal: new AbortController().signal,
    out: () => out,
    err: () => err,
  };
}

describe('the parity command line', () => {
  it('suggests the nearest command for a typo and exits 2', async () => {
    const cli = io();
    expect(await main(['rn'], cli)).toBe(2);
    expect(cli.err()).toContain('unknown command "rn". Did you mean "run"?');
  });

  it('names an unknown flag and shows the usage of that command', async () => {
    const cli = io();
    expect(await main(['run', '--bogus'], cli)).toBe(2);
    expect(cli.err()).toContain("Unknown option '--bogus'");
    expect(cli.err()).toContain('usage: parity run');
  });

  it('prints the commands and the exit-code contract for --help, exiting 0', async () => {
    const cli = io();
    expect(await main(['--help'], cli)).toBe(0);
    expect(cli.out()).toMatch(/exit codes: 0 every case passed · 1 regressions found · 2 harness errors/);
    for (const command of ['run', 'sandbox', 'merge', 'gate', 'record', 'import']) expect(cli.out()).toContain(`  ${command} `);
  });

  it('rejects a malformed shard without a stack trace', async () => {
    const cli = io();
    expect(await main(['run', '--shard', '3/2'], cli)).toBe(2);
    expect(cli.err()).toContain('--shard "3/2" is not a shard');
    expect(cli.err()).not.toMatch(/\n\s+at /);
  });

  it.each(Object.keys(commands))('lists every option of `parity %s --help` with an example', async (name) => {
    const cli = io();
    expect(await main([name, '--help'], cli)).toBe(0);
    // The option table, not the usage line, must name each option.
    const out = cli.out().slice(cli.out().indexOf('options:'));
    for (const option of Object.keys(commands[name]!.options)) expect({ option, listed: out.includes(`--${option}`) }).toEqual({ option, listed: true });
    expect(out).toMatch(/examples?:\n  \S/);
  });

  it('gives the default of each option of parity run in its --help', async () => {
    const cli = io();
    await main(['run', '--help'], cli);
    const lines = cli.out().split('\n').filter((line) => /^ {2}(-\w, )?--/.test(line));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines.filter((l) => !l.includes('--test-name-pattern'))) expect({ line, hasDefault: /default/.test(line) }).toEqual({ line, hasDefault: true });
  });
});
