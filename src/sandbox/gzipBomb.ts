import zlib from 'node:zlib';

const chunkBytes = 1024 * 1024;

/**
 * A gzip body of `inflatedMiB` MiB of spaces, built without ever holding the inflated data and in
 * milliseconds: one MiB is deflated once, ending in a full flush (byte-aligned, history reset),
 * so that block can be repeated; a final empty block and the gzip trailer close the stream. The
 * trailer's CRC-32 is computed by combining the one-MiB CRC with itself (zlib's crc32_combine),
 * so a client that does inflate it all still gets a valid stream. 1 GiB compresses to ~1 MB.
 */
export function createGzipBomb(inflatedMiB = 1024): Buffer {
  if (!Number.isInteger(inflatedMiB) || inflatedMiB < 1) throw new RangeError(`inflatedMiB must be a positive whole number, got ${inflatedMiB}`);
  const chunk = Buffer.alloc(chunkBytes, 0x20);
  const block = zlib.deflateRawSync(chunk, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const last = zlib.deflateRawSync(Buffer.alloc(0));
  const header = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x02, 0xff]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crcOfRepeats(zlib.crc32(chunk), chunkBytes, inflatedMiB), 0);
  trailer.writeUInt32LE((inflatedMiB * chunkBytes) % 2 ** 32, 4);
  const body = Buffer.allocUnsafe(header.length + block.length * inflatedMiB + last.length + trailer.length);
  let offset = header.copy(body, 0);
  for (let i = 0; i < inflatedMiB; i += 1) offset += block.copy(body, offset);
  offset += last.copy(body, offset);
  trailer.copy(body, offset);
  return body;
}

/** CRC-32 of `count` copies of a piece whose CRC is `crc` and length `length`, by doubling. */
function crcOfRepeats(crc: number, length: number, count: number): number {
  let result: { crc: number; length: number } | undefined;
  let power = { crc, length };
  for (let k = count; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) result = result ? { crc: crc32Combine(result.crc, power.crc, power.length), length: result.length + power.length } : power;
    if (k > 1) power = { crc: crc32Combine(power.crc, power.crc, power.length), length: power.length * 2 };
  }
  return result!.crc;
}

/** zlib's crc32_combine: CRC of A‖B from crc(A), crc(B) and len(B), over GF(2) matrices. */
export function crc32Combine(crc1: number, crc2: number, len2: number): number {
  if (len2 <= 0) return crc1;
  const times = (mat: number[], vec: number) => {
    let sum = 0;
    for (let i = 0; vec !== 0; i += 1, vec >>>= 1) if (vec & 1) sum ^= mat[i]!;
    return sum >>> 0;
  };
  const square = (mat: number[]) => mat.map((row) => times(mat, row));
  let odd = [0xedb88320];
  for (let n = 1, row = 1; n < 32; n += 1, row <<= 1) odd.push(row >>> 0);
  let even = square(odd); // two zero bits
  odd = square(even); // four zero bits
  let c = crc1 >>> 0;
  let len = len2;
  for (;;) {
    even = square(odd);
    if (len % 2 === 1) c = times(even, c);
    len = Math.floor(len / 2);
    if (len === 0) break;
    odd = square(even);
    if (len % 2 === 1) c = times(odd, c);
    len = Math.floor(len / 2);
    if (len === 0) break;
  }
  return (c ^ crc2) >>> 0;
}
