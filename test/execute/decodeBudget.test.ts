import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import zlib from 'node:zlib';
import { DecodeBudget } from '../../src/execute/decodeBudget';
import { readBody } from '../../src/execute/readBody';
import { recordBody } from '../../src/execute/recordBody';
import { Redactor } from '../../src/execute/redactor';
import { bodyText } from '../../src/report/exchangeText';

const mib = 1024 * 1024;
/** 40 gzip members of 1 MiB of zeros: about 40 KB compressed, 40 MiB inflated. */
const bomb = Buffer.concat(Array.from({ length: 40 }, () => zlib.gzipSync(Buffer.alloc(mib))));

function stream(bytes: Buffer): PassThrough {
  const body = new PassThrough();
  body.end(bytes);
  return body;
}

describe('decoding bodies within a budget shared by every body in flight', () => {
  it('cuts concurrent gzip bombs so that together they never hold more than the budget', async () => {
    const budget = new DecodeBudget(12 * mib);
    const reads = await Promise.all(Array.from({ length: 8 }, () => readBody(stream(bomb), 'gzip', 8 * mib, budget)));
    expect(budget.peak).toBeLessThanOrEqual(12 * mib);
    // The budget was the limit: alone, each body would have held its full 8 MiB cap.
    expect(budget.peak).toBeGreaterThan(8 * mib);
    expect(reads.every((read) => read.capped)).toBe(true);
    expect(reads.some((read) => read.cappedBy === 'budget')).toBe(true);
    // Everything is given back once the bodies are read.
    expect(budget.inUse).toBe(0);
  });

  it('says which limit cut a body: its own cap', async () => {
    const read = await readBody(stream(bomb), 'gzip', 2 * mib, new DecodeBudget(64 * mib));
    expect(read).toMatchObject({ capped: true, cappedBy: 'body' });
    expect(read.bytes.length).toBe(2 * mib);
  });

  it('applies the budget to bodies without content coding too', async () => {
    const read = await readBody(stream(Buffer.alloc(3 * mib, 0x61)), undefined, 8 * mib, new DecodeBudget(mib));
    expect(read).toMatchObject({ capped: true, cappedBy: 'budget' });
    expect(read.bytes.length).toBe(mib);
  });

  it('labels the hash of a body cut while it was read as covering only its first N bytes', async () => {
    const read = await readBody(stream(bomb), 'gzip', mib, new DecodeBudget(64 * mib));
    const recorded = recordBody(read.bytes, 'application/octet-stream', { redactor: new Redactor(), maxRecordedBodyBytes: 4 * mib, incomplete: read.capped });
    expect(recorded).toMatchObject({ kind: 'binary', truncated: true, sha256OfFirstBytes: mib, sha256: createHash('sha256').update(Buffer.alloc(mib)).digest('hex') });
    expect(bodyText(recorded)).not.toContain('sha256 of the first');
    const text = recordBody(Buffer.from('a'.repeat(5000)), 'text/plain', { redactor: new Redactor(), maxRecordedBodyBytes: 1000, incomplete: true });
    expect(bodyText(text)).toContain('sha256 of the first 5000 bytes only');
    expect(bodyText(text)).not.toContain('full body');
  });
});
