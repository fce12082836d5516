import { appendFileSync, readFileSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { caseDigest } from '../../src/report/caseDigest';
import { mergeRuns } from '../../src/report/mergeResults';
import { mergeResultsDirs } from '../../src/report/mergeResultsDirs';
import { readResultsDir, readRunHeader } from '../../src/report/readResultsDir';
import { scanResultsStream } from '../../src/report/readResultsStream';
import { openReportInput } from '../../src/report/reportInput';
import { ResultsError } from '../../src/report/ResultsError';
import { casesFileName, openResultsStream, attachResultsStream } from '../../src/report/resultsStream';
import { summarize } from '../../src/report/summarize';
import { summarizeDigests } from '../../src/report/summarizeDigests';
import { writeReports, writeStreamedReports } from '../../src/report/writeReports';
import { buildRun, caseResult, exchange, inReportOrder, inventoryCases, inventorySuite, jsonBody, menuCases, menuSuite, step, textBody, tokenParity } from './fixtures';
import { scratchDir } from './paths';

describe('cases.ndjson', () => {
  it('keeps every recorded case on disk as it is recorded, before the run ends', async () => {
    const { dir, cleanup } = scratchDir('stream-live');
    try {
      const stream = openResultsStream(dir, { runId: 'r1', startedAt: '2025-11-24T10:00:00.000Z' });
      const [first, second] = menuCases();
      stream.record(first!);
      const lines = readFileSync(path.join(dir, casesFileName), 'utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(JSON.parse(lines[0]!)).toMatchObject({ record: 'start', runId: 'r1', schemaVersion: 1 });
      expect(JSON.parse(lines[1]!)).toEqual({ record: 'case', digest: JSON.parse(JSON.stringify(caseDigest(first!))), result: JSON.parse(JSON.stringify(first)) });
      stream.record(second!);
      stream.close();
      const scanned = await scanResultsStream(path.join(dir, casesFileName));
      expect(scanned.cases.map((c) => c.digest.id)).toEqual([first!.id, second!.id]);
      expect(scanned.end).toBeUndefined();
      expect(scanned.partialTail).toBe(false);
    } finally {
      cleanup();
    }
  });

  it('finds the full result by offset even when strings hold the boundary marker, newlines or quotes', async () => {
    const { dir, cleanup } = scratchDir('stream-hostile');
    try {
      const hostile = ',"result":{"x":1}}\n{"record":"case"';
      const odd = caseResult(menuSuite, hostile, `name ${hostile}`, {
        tags: [hostile],
        status: 'failed',
        steps: [step(hostile, exchange('legacy', { body: textBody(hostile) }), exchange('candidate', { body: jsonBody({ [hostile]: hostile }) }), [{ area: 'body', path: `$["${hostile}"]`, kind: 'changed', disposition: 'regression', legacy: hostile, candidate: 1, reason: hostile }])],
      });
      const stream = openResultsStream(dir, { runId: 'r2', startedAt: '2025-11-24T10:00:00.000Z' });
      stream.record(odd);
      stream.end({ ...buildRun(), cases: [] });
      stream.close();
      const input = await openReportInput(dir);
      try {
        expect(input.digests.map((d) => d.id)).toEqual([odd.id]);
        expect(await input.load(input.digests[0]!)).toEqual(JSON.parse(JSON.stringify(odd)));
      } finally {
        await input.close();
      }
    } finally {
      cleanup();
    }
  });

  it('reads a run killed mid-write as interrupted, with every finished case and without the half-written one', async () => {
    const { dir, cleanup } = scratchDir('stream-killed');
    try {
      const file = path.join(dir, casesFileName);
      const stream = openResultsStream(dir, { runId: 'r3', startedAt: '2025-11-24T10:00:00.000Z' });
      const cases = menuCases();
      for (const c of cases.slice(0, 3)) stream.record(c);
      stream.close();
      const whole = statSync(file).size;
      const worker = attachResultsStream(file);
      worker.record(cases[3]!);
      worker.close();
      truncateSync(file, whole + 40);
      const header = await readRunHeader(dir);
      expect(header.interrupted).toBe(true);
      expect(header.summary.total).toBe(3);
      expect(header.summary.verdict).toBe('fail');
      expect(header.warnings.join(' ')).toMatch(/stopped before it finished/);
      const run = await readResultsDir(dir);
      expect(run.cases.map((c) => c.id).sort()).toEqual(cases.slice(0, 3).map((c) => c.id).sort());
      const written = await writeStreamedReports(dir);
      expect(written).toHaveLength(5);
      for (const c of cases.slice(0, 3)) expect(readFileSync(path.join(dir, 'junit.xml'), 'utf8')).toContain(`name="${c.name.replace(/&/g, '&amp;')}"`);
    } finally {
      cleanup();
    }
  });

  it('names the file and line of a damaged record', async () => {
    const { dir, cleanup } = scratchDir('stream-damaged');
    try {
      const stream = openResultsStream(dir, { runId: 'r4', startedAt: '2025-11-24T10:00:00.000Z' });
      stream.record(menuCases()[0]!);
      stream.close();
      const file = path.join(dir, casesFileName);
      appendFileSync(file, '{"record": "case?"\n');
      const error = await scanResultsStream(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResultsError);
      expect((error as Error).message.startsWith(`${file}:3: not valid JSON (`)).toBe(true);
      expect((error as ResultsError).hint).toMatch(/damaged/);
      writeFileSync(file, '{"record":"start","schemaVersion":7,"harnessVersion":"9.9.9"}\n');
      await expect(scanResultsStream(file)).rejects.toThrow(`${file}:1: schemaVersion 7 is not supported; this harness reads schemaVersion 1`);
    } finally {
      cleanup();
    }
  });
});

describe('summarizeDigests', () => {
  it('counts exactly what summarize counts on the full results', () => {
    const run = buildRun({ tokenParity: tokenParity('failed') });
    const extras = { suites: run.suites, tokenParity: run.tokenParity!, interrupted: true };
    expect(summarizeDigests(run.cases.map(caseDigest), extras)).toEqual(summarize(run.cases, extras));
    expect(summarizeDigests([], {})).toEqual(summarize([], {}));
  });
});

describe('mergeResultsDirs', () => {
  it('merges shard directories into what mergeRuns makes of the same runs, copying case records unchanged', async () => {
    const { dir, cleanup } = scratchDir('stream-merge');
    try {
      const one = { ...buildRun({ cases: menuCases(), suites: [menuSuite], runId: 'shard-1' }), shard: { index: 1, count: 2 } };
      const two = { ...buildRun({ cases: inventoryCases(), suites: [inventorySuite], runId: 'shard-2' }), shard: { index: 2, count: 2 } };
      await writeReports(one, path.join(dir, 'one'));
      await writeReports(two, path.join(dir, 'two'));
      const { run, files } = await mergeResultsDirs([path.join(dir, 'two'), path.join(dir, 'one')], path.join(dir, 'one'));
      const expected = mergeRuns([one, two]);
      expect(run.summary).toEqual(expected.summary);
      expect(files).toHaveLength(5);
      expect(await readResultsDir(path.join(dir, 'one'))).toEqual(JSON.parse(JSON.stringify(inReportOrder(expected))));
    } finally {
      cleanup();
    }
  });

  it('refuses a case id reported twice with different outcomes', async () => {
    const { dir, cleanup } = scratchDir('stream-conflict');
    try {
      const menu = menuCases();
      const one = { ...buildRun({ cases: menu, suites: [menuSuite], runId: 'shard-1' }), shard: { index: 1, count: 2 } };
      const two = { ...buildRun({ cases: [{ ...menu[0]!, status: 'failed' }], suites: [menuSuite], runId: 'shard-2' }), shard: { index: 2, count: 2 } };
      await writeReports(one, path.join(dir, 'one'));
      await writeReports(two, path.join(dir, 'two'));
      await expect(mergeResultsDirs([path.join(dir, 'one'), path.join(dir, 'two')], path.join(dir, 'out'))).rejects.toThrow(`case "${menu[0]!.id}" has conflicting results: ${menu[0]!.status} in shard 1/2 (run shard-1), failed in shard 2/2 (run shard-2)`);
    } finally {
      cleanup();
    }
  });
});
