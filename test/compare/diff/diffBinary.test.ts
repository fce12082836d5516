import { createHash } from 'node:crypto';
import { diffBinary } from '../../../src/compare/diff/diffBinary';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('diffBinary', () => {
  it('finds no difference between identical bytes', () => {
    expect(diffBinary(Buffer.from([1, 2, 3]), new Uint8Array([1, 2, 3]))).toEqual({ diffs: [], omitted: 0 });
  });

  it('reports different bytes as one changed difference at $ carrying size and sha256, not the bytes', () => {
    const legacy = Buffer.from('%PDF-1.7 legacy');
    const candidate = Buffer.from('%PDF-1.7 choreo!');
    expect(diffBinary(legacy, candidate).diffs).toEqual([
      {
        path: [],
        kind: 'changed',
        legacy: { bytes: legacy.length, sha256: sha256(legacy) },
        candidate: { bytes: candidate.length, sha256: sha256(candidate) },
      },
    ]);
  });

  it('compares recorded digests, ignoring the case of the hex', () => {
    const bytes = Buffer.from('image');
    expect(diffBinary(bytes, { bytes: bytes.length, sha256: sha256(bytes).toUpperCase() }).diffs).toEqual([]);
    expect(diffBinary(bytes, { bytes: bytes.length + 1, sha256: sha256(bytes) }).diffs).toHaveLength(1);
  });
});
