import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { processDecodeBudget, type DecodeBudget } from './decodeBudget';

export interface ReadBody {
  /** Decoded bytes, at most `maxBytes`. */
  bytes: Buffer;
  /** True when decoding produced more than `maxBytes` (or the run's decode budget ran out) and reading stopped there. */
  capped: boolean;
  /** Which limit cut the body: its own cap, or the budget shared by all bodies in flight. */
  cappedBy?: 'body' | 'budget';
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
export async function readBody(body: Readable, contentEncoding: string | undefined, maxBytes: number, budget: DecodeBudget = processDecodeBudget): Promise<ReadBody> {
  const room = new Room(maxBytes, budget);
  try {
    // Most bodies are not compressed: read them straight off the stream. A promise `pipeline` per
    // response costs an AbortController, end-of-stream watchers and a DOMException with a stack.
    if (contentEncoding === undefined) return await readIdentity(body, room);
    const codings = contentEncoding
      .split(',')
      .map((c) => c.trim().toLowerCase())
      .filter((c) => c !== '' && c !== 'identity');
    if (codings.length === 0) return await readIdentity(body, room);
    return await readDecoded(body, codings, room);
  } finally {
    room.release();
  }
}

/** How much more of one body may be kept: its own cap, and what the shared budget grants. */
class Room {
  private taken = 0;
  cappedBy: 'body' | 'budget' | undefined;

  constructor(
    private readonly maxBytes: number,
    private readonly budget: DecodeBudget,
  ) {}

  /** How many bytes of a `wanted`-byte chunk may be kept (fewer: the body is cut there). */
  grant(size: number, wanted: number): number {
    const own = Math.max(0, this.maxBytes - size);
    const granted = this.budget.take(Math.min(wanted, own));
    this.taken += granted;
    if (granted < wanted) this.cappedBy = granted < Math.min(wanted, own) ? 'budget' : 'body';
    return granted;
  }

  release(): void {
    this.budget.give(this.taken);
    this.taken = 0;
  }
}

/** A body with content codings: decoded through a pipeline, with the cap on the decoded size. */
async function readDecoded(body: Readable, codings: string[], room: Room): Promise<ReadBody> {
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
      const granted = room.grant(size, chunk.length);
      if (granted < chunk.length) {
        if (granted > 0) chunks.push(chunk.subarray(0, granted));
        size += granted;
        capped = true;
        callback(new CapReached());
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
      callback();
    },
  });

  const result = (extra: Partial<ReadBody> = {}): ReadBody => ({ bytes: Buffer.concat(chunks, size), capped, cappedBy: capped ? room.cappedBy : undefined, ...extra });
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
function readIdentity(body: Readable, room: Room): Promise<ReadBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (streamError?: unknown, capped = false): void => {
      if (settled) return;
      settled = true;
      const read: ReadBody = { bytes: Buffer.concat(chunks, size), capped };
      if (capped && room.cappedBy) read.cappedBy = room.cappedBy;
      if (streamError !== undefined) read.streamError = streamError;
      resolve(read);
    };
    body.on('data', (chunk: Buffer) => {
      if (settled) return;
      const granted = room.grant(size, chunk.length);
      if (granted < chunk.length) {
        if (granted > 0) chunks.push(chunk.subarray(0, granted));
        size += granted;
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
