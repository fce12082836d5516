import { fork } from 'node:child_process';
import path from 'node:path';
import type { StubGatewayOptions } from './stubGateway';
import type { StubProcessReply, StubTargetStats } from './stubProtocol';

export interface StubProcess {
  urls: { legacy: string; candidate: string };
  stats(): Promise<{ legacy: StubTargetStats; candidate: StubTargetStats }>;
  stop(): Promise<void>;
}

const startTimeoutMs = 15_000;

/** Forks `stubProcess.ts` (two stub gateways) and waits until both listen. */
export async function startStubProcess(options: StubGatewayOptions): Promise<StubProcess> {
  const child = fork(path.join(__dirname, 'stubProcess.ts'), [JSON.stringify(options)], {
    execArgv: ['-r', 'esbuild-register'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: StubProcessReply['type'], timeoutMs: number): Promise<StubProcessReply> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`stub process: no "${type}" reply within ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (message: StubProcessReply): void => {
        if (message.type !== type) return;
        cleanup();
        resolve(message);
      };
      const onExit = (code: number | null): void => fail(new Error(`stub process exited (code ${code}) before "${type}"`));
      const fail = (error: Error): void => {
        cleanup();
        reject(error);
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });

  let ready: StubProcessReply;
  try {
    ready = await next('ready', startTimeoutMs);
  } catch (error) {
    child.kill();
    throw error;
  }
  if (ready.type !== 'ready') throw new Error('stub process: unexpected reply');
  return {
    urls: ready.urls,
    async stats() {
      const reply = next('stats', 10_000);
      child.send({ type: 'stats' });
      const stats = await reply;
      if (stats.type !== 'stats') throw new Error('stub process: unexpected reply');
      return { legacy: stats.legacy, candidate: stats.candidate };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
