import type { Command } from '../cli';
import { sandboxOptionsFromEnv } from '../engine/sandboxOptions';
import { startSandbox } from '../sandbox/startSandbox';

export const sandboxCommand: Command = {
  summary: 'start the built-in PizzaShack sandbox (backend + API Cloud-like + Choreo-like gateways) until Ctrl-C',
  usage: 'parity sandbox [--drift]',
  options: { drift: { type: 'boolean' } },
  async run({ values }, io) {
    const sandbox = await startSandbox(sandboxOptionsFromEnv(io.env, values.drift ? { drift: true } : {}));
    const { legacy, candidate } = sandbox.credentials;
    io.stdout.write(
      [
        `PizzaShack sandbox${values.drift ? ' (drift mode: the candidate has real regressions)' : ''}`,
        `  backend             ${sandbox.urls.backend}`,
        `  API Cloud gateway   ${sandbox.urls.legacyGateway}`,
        `  Choreo gateway      ${sandbox.urls.candidateGateway}`,
        '',
        'Demo credentials (sandbox only):',
        `  legacy     client ${legacy.clientId} / ${legacy.clientSecret}, user ${legacy.username} / ${legacy.password}`,
        `  candidate  client ${candidate.clientId} / ${candidate.clientSecret}, user ${candidate.username} / ${candidate.password}`,
        '',
        'Environment for another shell (then: PARITY_ENV=sandbox npx parity run):',
        ...Object.entries(sandbox.env).map(([key, value]) => `  export ${key}=${value}`),
        '',
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await sandbox.close();
    io.stdout.write('sandbox stopped\n');
    return 0;
  },
};
