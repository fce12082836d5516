import { createHash } from 'node:crypto';
import { capRecordedBody } from '../../src/execute/capRecordedBody';
import { recordBody } from '../../src/execute/recordBody';
import { Redactor } from '../../src/execute/redactor';
import type { RecordedBody } from '../../src/model/result';
import { jsonHead } from '../../src/shared/jsonHead';

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
const record = (text: string, contentType: string, maxRecordedBodyBytes: number) => recordBody(Buffer.from(text), contentType, { redactor: new Redactor(), maxRecordedBodyBytes });

describe('capRecordedBody', () => {
  const document = {
    apiVersion: 'v1',
    items: Array.from({ length: 400 }, (_, i) => ({ id: `item-${i}`, name: `caf\u00e9 ${i} \ud83c\udf55 "quoted"`, tags: [i, null, true, { deep: [[i]] }], empty: {}, none: [] })),
    total: 400,
  };
  const text = JSON.stringify(document, null, 2);

  it('keeps a body at or under the cap as it was recorded, parsed JSON included', () => {
    const bytes = Buffer.byteLength(text);
    const body = record(text, 'application/json', bytes);
    expect(capRecordedBody(body, bytes)).toBe(body);
    expect(body.json).toEqual(document);
  });

  it('keeps the first N characters of a text body over the cap, with its size and the sha256 recordBody took of all of it', () => {
    const plain = 'lorem ipsum '.repeat(5_000);
    const body = record(plain, 'text/plain', 1_000);
    expect(body).toMatchObject({ kind: 'text', text: plain, sha256: sha256(plain) });
    expect(capRecordedBody(body, 1_000)).toEqual({ kind: 'text', contentType: 'text/plain', bytes: plain.length, text: plain.slice(0, 1_000), sha256: sha256(plain), truncated: true });
  });

  it('writes the head of a JSON body over the cap from its parsed value — exactly the first N characters of its compact JSON — and records it as text', () => {
    const body = record(text, 'application/json', 4_096);
    const cut = capRecordedBody(body, 4_096);
    expect(cut).toEqual({ kind: 'text', contentType: 'application/json', bytes: Buffer.byteLength(text), text: JSON.stringify(document).slice(0, 4_096), sha256: sha256(text), truncated: true });
  });

  it('writes any head of any JSON value exactly as JSON.stringify would begin, never splitting a surrogate pair', () => {
    const values: unknown[] = [document, [[['a', 'b'], [1, 2]], { x: [{}] }], { '': 1, 'key "quoted"': 'ü', n: -0.5, big: 1e21 }, 'plain string', 42, null, [], {}];
    for (const value of values) {
      const full = JSON.stringify(value);
      for (const limit of [1, 2, 7, 100, 1_000, full.length - 1, full.length, full.length + 10]) {
        const head = jsonHead(value, limit)!;
        const expected = full.slice(0, limit);
        // A cut that would leave half of a pair keeps one character less.
        expect([expected, expected.slice(0, -1)]).toContain(head);
        expect(/[\ud800-\udbff]$/.test(head)).toBe(false);
      }
    }
  });

  it('hashes a whole JSON body that came without its hash (a baseline recorded before bodies over the cap were hashed) on its compact JSON', () => {
    const replayed: RecordedBody = { kind: 'json', contentType: 'application/json', bytes: text.length, json: document };
    expect(capRecordedBody(replayed, 2_000)).toMatchObject({ kind: 'text', sha256: sha256(JSON.stringify(document)), truncated: true });
  });

  it('keeps a JSON request body\'s raw text head when the record kept that text (the curl line repeats it)', () => {
    const raw = `{ "a": ${JSON.stringify('x'.repeat(5_000))} }`;
    const body = recordBody(Buffer.from(raw), 'application/json', { redactor: new Redactor(), maxRecordedBodyBytes: 100, keepJsonText: true });
    expect(capRecordedBody(body, 100)).toMatchObject({ kind: 'text', text: raw.slice(0, 100), sha256: sha256(raw) });
  });

  it('leaves a body cut while it was read, an empty body and a binary body (kept as a hash only) as they are', () => {
    const incomplete = recordBody(Buffer.from('x'.repeat(5_000)), 'text/plain', { redactor: new Redactor(), maxRecordedBodyBytes: 1_000, incomplete: true });
    const binary = record('\u0000\u0001'.repeat(3_000), 'application/octet-stream', 100);
    const empty = record('', 'text/plain', 0);
    for (const body of [incomplete, binary, empty]) expect(capRecordedBody(body, 100)).toBe(body);
    expect(binary).not.toHaveProperty('truncated');
  });
});
