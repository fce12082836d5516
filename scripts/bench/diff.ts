/**
 * Figure (c), one diff engine per process so its memory is its own:
 *
 *   node --expose-gc -r esbuild-register scripts/bench/diff.ts --engine ours|jsondiffpatch
 *        --legacy legacy.json --candidate candidate.json [--warm 5] [--out result.json]
 *
 * Both bodies are parsed first (as the harness parses two responses), then the heap is collected
 * and the first diff is measured: wall time, heap growth (heap used right after the diff, before
 * any forced GC, minus before) and peak RSS growth (sampled from a worker thread every 2 ms, so
 * peaks inside the synchronous diff are seen). Then `--warm` more runs give a warm median time.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { diffJson } from '../../src/compare/diff/diffJson';
import { largePairDiffOptions } from './generateLargePair';
import { startThreadRssSampler } from './threadRssSampler';
import { writeResult } from './writeResult';

export interface DiffBenchResult {
  engine: 'ours' | 'jsondiffpatch';
  firstMs: number;
  warmMedianMs: number | null;
  warmRuns: number;
  extraHeapMiB: number;
  extraPeakRssMiB: number;
  retainedHeapMiB: number;
  /** What the engine found: our diff count, or jsondiffpatch's changed item entries in `items`. */
  found: string;
}

type Engine = (legacy: unknown, candidate: unknown) => unknown;

const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function loadEngine(name: string): Promise<{ run: Engine; describe: (result: unknown) => string }> {
  switch (name) {
    case 'ours':
      return {
        run: (legacy, candidate) => diffJson(legacy, candidate, largePairDiffOptions),
        describe: (result) => {
          const { diffs, omitted } = result as ReturnType<typeof diffJson>;
          return `${diffs.length} differences (+${omitted} omitted)`;
        },
      };
    case 'jsondiffpatch': {
      // ESM-only package: a dynamic import from this CommonJS-compiled script.
      const { create } = (await import('jsondiffpatch')) as typeof import('jsondiffpatch');
      const differ = create({
        // The same pairing as ours: items matched by their `id`, everything else by position.
        objectHash: (item: object, index?: number) => {
          const id = (item as { id?: unknown }).id;
          return typeof id === 'string' ? id : `$$index:${index}`;
        },
        arrays: { detectMove: true, includeValueOnMove: false },
      });
      return {
        run: (legacy, candidate) => differ.diff(legacy, candidate),
        describe: (result) => {
          const items = (result as { items?: Record<string, unknown> } | undefined)?.items;
          return items ? `${Object.keys(items).filter((key) => key !== '_t').length} entries under items` : 'no difference';
        },
      };
    }
    default:
      throw new Error(`--engine must be "ours" or "jsondiffpatch", got "${name}"`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string' },
      legacy: { type: 'string' },
      candidate: { type: 'string' },
      warm: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (!values.legacy || !values.candidate) throw new Error('--legacy and --candidate (JSON files) are required');
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc, so memory is measured from a collected heap');
  const engineName = values.engine ?? 'ours';
  const engine = await loadEngine(engineName);
  const legacy: unknown = JSON.parse(readFileSync(values.legacy, 'utf8'));
  const candidate: unknown = JSON.parse(readFileSync(values.candidate, 'utf8'));

  gc();
  gc();
  const sampler = await startThreadRssSampler();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage.rss();
  const started = performance.now();
  let result = engine.run(legacy, candidate);
  const firstMs = performance.now() - started;
  const heapAfter = process.memoryUsage().heapUsed;
  const peakRss = Math.max(await sampler.stop(), process.memoryUsage.rss());
  const found = engine.describe(result);
  gc();
  const retained = process.memoryUsage().heapUsed - heapBefore;

  const warmRuns = Number(values.warm ?? 5);
  const times: number[] = [];
  for (let i = 0; i < warmRuns; i += 1) {
    result = undefined;
    gc();
    const t = performance.now();
    result = engine.run(legacy, candidate);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  writeResult(values.out, {
    engine: engineName as DiffBenchResult['engine'],
    firstMs: Math.round(firstMs * 10) / 10,
    warmMedianMs: times.length ? Math.round(times[Math.floor(times.length / 2)]! * 10) / 10 : null,
    warmRuns,
    extraHeapMiB: mib(heapAfter - heapBefore),
    extraPeakRssMiB: mib(peakRss - rssBefore),
    retainedHeapMiB: mib(retained),
    found,
  } satisfies DiffBenchResult);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
