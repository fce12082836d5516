/**
 * Child-process entry: runs the two stub gateways (legacy, candidate) in their own process, so
 * the process being measured (engine or raw loop) pays only for its own work and its RSS holds
 * only its own memory. Talks to its parent over the fork IPC channel (see `startStubProcess`).
 *
 *   argv[2]: JSON StubGatewayOptions
 */
import { startStubGateway, type StubGatewayOptions } from './stubGateway';
import type { StubProcessReply, StubProcessRequest } from './stubProtocol';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as StubGatewayOptions;
  const legacy = await startStubGateway(options, 'legacy');
  const candidate = await startStubGateway(options, 'candidate');
  const send = (reply: StubProcessReply): void => {
    process.send?.(reply);
  };
  process.on('message', (message: StubProcessRequest) => {
    switch (message.type) {
      case 'stats':
        send({
          type: 'stats',
          legacy: { requests: legacy.requests(), arrivals: legacy.arrivals() },
          candidate: { requests: candidate.requests(), arrivals: candidate.arrivals() },
        });
        return;
      case 'stop':
        void Promise.all([legacy.close(), candidate.close()]).then(() => process.disconnect?.());
        return;
      default: {
        const unknown: never = message;
        throw new Error(`stubProcess: unknown message ${JSON.stringify(unknown)}`);
      }
    }
  });
  send({ type: 'ready', urls: { legacy: legacy.url, candidate: candidate.url } });
}

void main();
