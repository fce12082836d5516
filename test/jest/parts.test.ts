import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { maxRecordedDepth } from '../../src/engine/serializeCase';
import { createPartWriter, partFile, readParts } from '../../src/jest/parts';
import type { CaseResult } from '../../src/model/result';

function caseResult(name: string, body: unknown): CaseResult {
  const exchange = (target: 'legacy' | 'candidate') => ({
    target,
    request: { method: 'GET', url: 'http://127.0.0.1/x', headers: {} },
    response: { status: 200, headers: {}, body: { kind: 'json' as const, bytes: 2, json: body } },
    startedAt: '',
    durationMs: 1,
    retries: [],
    source: 'live' as const,
  });
  return {
    id: `suites/deep.yaml#${name}`,
    suite: 'deep',
    suiteFile: 'suites/deep.yaml',
    api: 'deep',
    name,
    tags: [],
    status: 'passed',
    steps: [{ name: 'GET /x', index: 0, legacy: exchange('legacy'), candidate: exchange('candidate'), expectations: [], differences: [], notes: [] }],
    latency: { legacyMs: 1, candidateMs: 1 },
    startedAt: '',
    durationMs: 1,
  };
}

function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

describe('a Jest worker’s part of the run', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'parity-parts-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every case: one nested too deep for JSON becomes an error of that case, the next is written as it was', async () => {
    const writer = createPartWriter(dir, '/project/suites/deep.yaml');
    writer.suite({ name: 'deep', file: 'suites/deep.yaml', sha256: 'a'.repeat(64) }, { caseCount: 2, only: false, expected: 2 });
    const deep = writer.case(caseResult('deep', nested(maxRecordedDepth + 100)));
    writer.case({ ...caseResult('renamed', { name: 'b' }), status: 'failed' });
    expect(deep).toMatchObject({ status: 'error', steps: [], error: { name: 'ResultNotSerializable' } });
    const cases: CaseResult[] = [];
    const [part] = await readParts(dir, (result) => cases.push(result));
    expect(part?.testFile).toBe('/project/suites/deep.yaml');
    expect(part?.cases).toBe(2);
    expect(cases.map((c) => [c.name, c.status])).toEqual([
      ['deep', 'error'],
      ['renamed', 'failed'],
    ]);
    expect(cases[0]?.error?.message).toContain(`nests deeper than ${maxRecordedDepth} levels`);
  });

  it('writes a case nested within the limit unchanged', async () => {
    const writer = createPartWriter(dir, '/project/suites/ok.yaml');
    const result = caseResult('fine', nested(maxRecordedDepth - 20));
    expect(writer.case(result)).toBe(result);
    const statuses: string[] = [];
    await readParts(dir, (read) => statuses.push(read.status));
    expect(statuses).toEqual(['passed']);
  });

  it('tells the teardown how many cases were announced and which lines could not be read back', async () => {
    const writer = createPartWriter(dir, '/project/suites/cut.yaml');
    writer.suite({ name: 'cut', file: 'suites/cut.yaml', sha256: '' }, { caseCount: 3, only: false, expected: 3 });
    writer.case(caseResult('one', {}));
    // A worker killed in the middle of a write leaves half a line behind.
    appendFileSync(partFile(dir, '/project/suites/cut.yaml'), '{"case":{"id":"half');
    const [part] = await readParts(dir);
    expect({ expected: part?.expected, cases: part?.cases, unreadable: part?.unreadable }).toEqual({ expected: 3, cases: 1, unreadable: 1 });
  });

  it('reads a part of several MiB back case by case, every line intact', async () => {
    const writer = createPartWriter(dir, '/project/suites/big.yaml');
    writer.suite({ name: 'big', file: 'suites/big.yaml', sha256: '' }, { caseCount: 400, only: false, expected: 400 });
    // ~10 KB a line, 4 MB in all: far more than one read of the file.
    for (let i = 0; i < 400; i += 1) writer.case(caseResult(`case ${i}`, { padding: 'x'.repeat(10_000 + i) }));
    const names: string[] = [];
    const [part] = await readParts(dir, (result) => names.push(result.name));
    expect({ cases: part?.cases, unreadable: part?.unreadable }).toEqual({ cases: 400, unreadable: 0 });
    expect(names).toEqual(Array.from({ length: 400 }, (_, i) => `case ${i}`));
  });
});
