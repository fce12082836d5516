import { hostname } from 'node:os';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { renderHtml } from '../../src/report/renderHtml';
import { renderJunit } from '../../src/report/renderJunit';
import { renderResultsJson } from '../../src/report/renderResultsJson';
import { renderSignoff } from '../../src/report/renderSignoff';
import { writeFileAtomic } from '../../src/shared/writeFileAtomic';
import { writeReports } from '../../src/report/writeReports';
import { buildRun } from './fixtures';
import { scratchDir } from './paths';

describe('writeReports', () => {
  it('writes results.json, junit.xml, junit-strict.xml, parity-report.html and signoff.md, creating the directory, and returns their paths', async () => {
    const { dir, cleanup } = scratchDir('write');
    try {
      const run = buildRun();
      const target = path.join(dir, 'nested', 'reports');
      const written = await writeReports(run, target, { signoff: { baselineSha256: { legacy: 'd'.repeat(64) } } });
      expect(written).toEqual(['results.json', 'junit.xml', 'junit-strict.xml', 'parity-report.html', 'signoff.md'].map((f) => path.join(target, f)));
      expect(readFileSync(written[0]!, 'utf8')).toBe(renderResultsJson(run));
      expect(readFileSync(written[1]!, 'utf8')).toBe(await renderJunit(run));
      expect(readFileSync(written[2]!, 'utf8')).toBe(await renderJunit(run, { flavour: 'strict', hostname: hostname() }));
      expect(readFileSync(written[3]!, 'utf8')).toBe(await renderHtml(run));
      expect(readFileSync(written[4]!, 'utf8')).toBe(await renderSignoff(run, { baselineSha256: { legacy: 'd'.repeat(64) } }));
      expect(readdirSync(target).sort()).toEqual(['cases.ndjson', 'junit-strict.xml', 'junit.xml', 'parity-report.html', 'results.json', 'signoff.md']);
    } finally {
      cleanup();
    }
  });

  it('replaces an existing report whole, leaving no temp file behind', async () => {
    const { dir, cleanup } = scratchDir('atomic');
    try {
      const file = path.join(dir, 'a.txt');
      await writeFileAtomic(file, 'old');
      await writeFileAtomic(file, 'new');
      expect(readFileSync(file, 'utf8')).toBe('new');
      expect(readdirSync(dir)).toEqual(['a.txt']);
    } finally {
      cleanup();
    }
  });

  it('removes its temp file and rejects when the rename cannot happen', async () => {
    const { dir, cleanup } = scratchDir('atomic-fail');
    try {
      const blocked = path.join(dir, 'junit.xml');
      mkdirSync(path.join(blocked, 'occupied'), { recursive: true });
      await expect(writeFileAtomic(blocked, 'x')).rejects.toThrow();
      expect(readdirSync(dir)).toEqual(['junit.xml']);
    } finally {
      cleanup();
    }
  });

  it('writes no report when a reporter throws, so no half set is left, and keeps the streamed cases', async () => {
    const { dir, cleanup } = scratchDir('no-half');
    try {
      const broken = { ...buildRun(), cases: [{ ...buildRun().cases[0]!, status: 'exploded' as never }] };
      await expect(writeReports(broken, dir)).rejects.toThrow('unknown case status exploded');
      expect(readdirSync(dir)).toEqual(['cases.ndjson']);
    } finally {
      cleanup();
    }
  });
});
