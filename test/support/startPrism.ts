import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** A Prism mock server (an OpenAPI mock written by another team) on 127.0.0.1, port chosen by the OS. */
export interface PrismServer {
  /** `http://127.0.0.1:<port>` — no trailing slash. */
  url: string;
  close(): Promise<void>;
}

export interface StartPrismOptions {
  /** `true` = Prism's dynamic mode: values generated from the schema, different on every call. */
  dynamic?: boolean;
  /** Give up waiting for "listening" after this long (Prism compiles the document first). */
  startTimeoutMs?: number;
}

const repoRoot = path.resolve(__dirname, '..', '..');
const prismBin = path.join(repoRoot, 'node_modules', '.bin', 'prism');

/**
 * Starts `prism mock <document>` on 127.0.0.1 port 0 and resolves once Prism prints the URL it
 * listens on. The child is ended by its PID on `close()`; a start that fails rejects with Prism's
 * own output so a broken document is visible in the test failure.
 */
export function startPrism(document: string, options: StartPrismOptions = {}): Promise<PrismServer> {
  const args = ['mock', '-h', '127.0.0.1', '-p', '0', ...(options.dynamic ? ['-d'] : []), document];
  const child = spawn(prismBin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', SCARF_ANALYTICS: 'false' } });
  let output = '';
  return new Promise<PrismServer>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`Prism did not start within ${options.startTimeoutMs ?? 30_000} ms:\n${output}`)), options.startTimeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, close: () => stop(child) });
      }
    };
    const fail = (error: Error) => {
      clearTimeout(timer);
      void stop(child).then(() => reject(error));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`Prism exited (code ${code}) before listening:\n${output}`)));
    child.once('error', (error) => fail(error));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
