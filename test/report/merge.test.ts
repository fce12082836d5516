import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunResult } from '../../src/model/result';
import { mergeRuns, readResultsDir } from '../../src/report/mergeResults';
import { ResultsError } from '../../src/report/ResultsError';
import { summarize } from '../../src/report/summarize';
import { writeReports } from '../../src/report/writeReports';
import { inReportOrder, brokenSuite, buildRun, inventoryCases, inventorySuite, menuCases, menuSuite, tokenParity } from './fixtures';
import { scratchDir } from './paths';

/** A shard the way the engine writes one: its own suites, cases, timing, id and summary. */
function shard(index: number, count: number, cases: RunResult['cases'], suites: RunResult['suites'], extra: Partial<RunResult> = {}): RunResult {
  const base = buildRun({ cases, suites, tokenParity: extra.tokenParity ?? null, interrupted: extra.interrupted ?? false, runId: `shard-${index}` });
  const run: RunResult = { ...base, ...extra, shard: { index, count }, startedAt: `2025-11-24T10:0${index}:00.000Z`, finishedAt: `2025-11-24T10:0${index}:30.000Z` };
  return { ...run, summary: summarize(run.cases, { suites: run.suites, ...(run.tokenParity ? { tokenParity: run.tokenParity } : {}), interrupted: run.interrupted }) };
}

/** Everything but timings and the run id, which are allowed to differ. */
function withoutTimings(run: RunResult): unknown {
  return JSON.parse(JSON.stringify(run, (key, value: unknown) => (['startedAt', 'finishedAt', 'durationMs', 'runId'].includes(key) ? undefined : value)));
}

describe('mergeRuns', () => {
  const menu = menuCases();
  const inventory = inventoryCases();
  const single = buildRun({ cases: [...menu, ...inventory].sort((a, b) => (a.id < b.id ? -1 : 1)), suites: [inventorySuite, brokenSuite, menuSuite] });
  const one = shard(1, 2, menu, [menuSuite, brokenSuite], { tokenParity: tokenParity(), interrupted: true, warnings: single.warnings });
  const two = shard(2, 2, inventory, [inventorySuite], { warnings: [single.warnings[0]!] });

  it('equals a single run over the same suites in everything but timings and run id', () => {
    const merged = mergeRuns([two, one]);
    expect(withoutTimings(merged)).toEqual(withoutTimings(single));
    expect(merged.shard).toBeUndefined();
    expect(merged.startedAt).toBe('2025-11-24T10:01:00.000Z');
    expect(merged.finishedAt).toBe('2025-11-24T10:02:30.000Z');
    expect(merged.runId).toBe('shard-1+shard-2');
    expect(merged.summary).toEqual(single.summary);
  });

  it('takes token parity from whichever shard ran it, and dedupes throttling advice and warnings', () => {
    const merged = mergeRuns([one, two]);
    expect(merged.tokenParity).toEqual(one.tokenParity);
    expect(merged.throttling).toEqual(one.throttling);
    expect(merged.warnings).toEqual(single.warnings);
    expect(merged.interrupted).toBe(true);
  });

  it('keeps one copy of a case reported identically by two shards', () => {
    const again = shard(2, 2, [...inventory, menu[0]!], [inventorySuite, menuSuite]);
    expect(mergeRuns([one, again]).cases.filter((c) => c.id === menu[0]!.id)).toHaveLength(1);
  });

  it('refuses a case id whose results conflict, naming the case and both shards', () => {
    const flipped = { ...menu[0]!, status: 'failed' as const };
    const conflicting = shard(2, 2, [...inventory, flipped], [inventorySuite, menuSuite]);
    expect(() => mergeRuns([one, conflicting])).toThrow(ResultsError);
    expect(() => mergeRuns([one, conflicting])).toThrow(`case "suites/pizzashack.yaml#lists the menu" has conflicting results: passed in shard 1/2 (run shard-1), failed in shard 2/2 (run shard-2)`);
  });

  it('refuses shards of different commits or environments', () => {
    expect(() => mergeRuns([one, { ...two, git: { commit: 'f'.repeat(40), dirty: false } }])).toThrow('cannot merge results from different commits');
    expect(() => mergeRuns([one, { ...two, environment: { ...two.environment, name: 'prod' } }])).toThrow('the environment differs');
  });

  it('refuses to merge when a shard is missing, unless asked to, and then warns', () => {
    const lonely = shard(1, 3, menu, [menuSuite]);
    expect(() => mergeRuns([lonely])).toThrow('Merged results lack shard(s) 2/3, 3/3: their cases never reported.');
    expect(mergeRuns([lonely], { allowMissingShards: true }).warnings).toContain('Merged results lack shard(s) 2/3, 3/3: their cases never reported.');
  });

  it('refuses to merge nothing', () => {
    expect(() => mergeRuns([])).toThrow('nothing to merge');
  });
});

describe('readResultsDir', () => {
  it('reads back what writeReports wrote', async () => {
    const { dir, cleanup } = scratchDir('read');
    try {
      const run = buildRun();
      await writeReports(run, dir);
      expect(await readResultsDir(dir)).toEqual(JSON.parse(JSON.stringify(inReportOrder(run))));
    } finally {
      cleanup();
    }
  });

  it('names the missing file and says what to do', async () => {
    const { dir, cleanup } = scratchDir('missing');
    try {
      const error = await readResultsDir(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResultsError);
      expect((error as ResultsError).message).toBe(`${path.join(dir, 'results.json')}: no results.json in this directory`);
      expect((error as ResultsError).file).toBe(path.join(dir, 'results.json'));
      expect((error as ResultsError).hint).toMatch(/reports directory of a finished run/);
    } finally {
      cleanup();
    }
  });

  it('rejects an old-style results.json with invalid JSON, another schemaVersion or a wrong shape, naming the file', async () => {
    const { dir, cleanup } = scratchDir('invalid');
    const file = path.join(dir, 'results.json');
    try {
      writeFileSync(file, '{"schemaVersion": 1, "cases": [');
      await expect(readResultsDir(dir)).rejects.toThrow(`${file}: not valid JSON`);
      writeFileSync(file, JSON.stringify({ ...buildRun(), schemaVersion: 2, harnessVersion: '9.0.0' }));
      await expect(readResultsDir(dir)).rejects.toThrow(`${file}: schemaVersion 2 is not supported; this harness reads schemaVersion 1`);
      writeFileSync(file, JSON.stringify({ ...buildRun(), cases: {} }));
      await expect(readResultsDir(dir)).rejects.toThrow(`${file}: "cases" should be an array, found object`);
      writeFileSync(file, '[]');
      await expect(readResultsDir(dir)).rejects.toThrow(`${file}: expected a JSON object, found array`);
    } finally {
      cleanup();
    }
  });
});
