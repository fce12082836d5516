import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

export interface ReadBody {
  /** Decoded bytes, at most `maxBytes`. */
  bytes: Buffer;
  /** True when decoding produced more than `maxBytes` and reading stopped there. */
  capped: boolean;
  /** The content coding could not be decoded (or is unknown); `bytes` then holds what was decoded. */
  decodeProblem?: string;
  /** The stream failed mid-body (reset, closed early, aborted); `bytes` holds what arrived. */
  streamError?: unknown;
}

class CapReached extends Error {}

/**
 * Reads a response body, undoing `Content-Encoding` (gzip, deflate, br, in the order applied)
 * with a hard cap on the decoded size: a small compressed body that inflates to gigabytes (a
 * gzip bomb) stops at `maxBytes`, and the connection is dropped — memory stays bounded.
 */
export function readBody(body: Readable, contentEncoding: string | undefined, maxBytes: number): Promise<ReadBody> {
  // Most bodies are not compressed: read them straight off the stream. A promise `pipeline` per
  // response costs an AbortController, end-of-stream watchers and a DOMException with a stack.
  if (contentEncoding === undefined) return readIdentity(body, maxBytes);
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0) return readIdentity(body, maxBytes);
  return readDecoded(body, codings, maxBytes);
}

/** A body with content codings: decoded through a pipeline, with the cap on the decoded size. */
async function readDecoded(body: Readable, codings: string[], maxBytes: number): Promise<ReadBody> {
  const unknown = codings.find((c) => !decoders[c]);
  const decoding = unknown ? [] : codings.reverse().map((c) => (decoders[c] as () => Transform)());

  const chunks: Buffer[] = [];
  let size = 0;
  let capped = false;
  let firstFailure: 'body' | 'decoder' | undefined;
  body.once('error', () => (firstFailure ??= 'body'));
  for (const decoder of decoding) decoder.once('error', () => (firstFailure ??= 'decoder'));

  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const room = maxBytes - size;
      if (chunk.length > room) {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        size = maxBytes;
        capped = true;
        callback(new CapReached());
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
      callback();
    },
  });

  const result = (extra: Partial<ReadBody> = {}): ReadBody => ({ bytes: Buffer.concat(chunks, size), capped, ...extra });
  try {
    await pipeline([body, ...decoding, sink]);
  } catch (error) {
    if (error instanceof CapReached || capped) return result();
    if (firstFailure === 'decoder') {
      return result({ decodeProblem: `content-encoding "${codings.join(', ')}" did not decode: ${error instanceof Error ? error.message : String(error)}` });
    }
    return result({ streamError: error });
  }
  return unknown ? result({ decodeProblem: `unsupported content-encoding "${unknown}": recorded as received` }) : result();
}

/**
 * A body without content coding: the chunks as they arrive, up to `maxBytes` (then the stream is
 * destroyed, which drops the connection, exactly as the decoding path does at its cap). Resolves
 * on `end`, on the first error (`streamError`), or on a close before the end (premature close).
 */
function readIdentity(body: Readable, maxBytes: number): Promise<ReadBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (streamError?: unknown, capped = false): void => {
      if (settled) return;
      settled = true;
      const read: ReadBody = { bytes: Buffer.concat(chunks, size), capped };
      if (streamError !== undefined) read.streamError = streamError;
      resolve(read);
    };
    body.on('data', (chunk: Buffer) => {
      if (settled) return;
      const room = maxBytes - size;
      if (chunk.length > room) {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        size = maxBytes;
        settle(undefined, true);
        body.destroy();
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    body.once('end', () => settle());
    // Stays attached after settling: a late error (after the cap's destroy) must not go unhandled.
    body.on('error', (error) => settle(error));
    body.once('close', () => {
      if (!settled) settle(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    });
  });
}

const decoders: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  // Servers disagree on what "deflate" means: zlib-wrapped (RFC 9110) or raw.
  deflate: () => createInflateAuto(),
  br: () => zlib.createBrotliDecompress(),
};

/** zlib-wrapped deflate when the first byte says so (CM=8 in the low nibble), raw deflate otherwise. */
function createInflateAuto(): Transform {
  let inner: Transform | undefined;
  const outer: Transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (!inner) {
        inner = (chunk[0] ?? 0) % 16 === 8 ? zlib.createInflate() : zlib.createInflateRaw();
        inner.on('data', (data: Buffer) => outer.push(data));
        inner.on('error', (error) => outer.destroy(error));
      }
      if (inner.write(chunk)) callback();
      else inner.once('drain', () => callback());
    },
    flush(callback) {
      if (!inner) return callback();
      inner.once('end', () => callback());
      inner.end();
    },
    destroy(error, callback) {
      inner?.destroy();
      callback(error);
    },
  });
  return outer;
}
