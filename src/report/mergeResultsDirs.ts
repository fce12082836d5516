import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { remarkMergedRun } from '../engine/partialRun';
import type { RunResult } from '../model/result';
import type { CaseDigest } from './caseDigest';
import { conflict, mergeHeaders, type MergeOptions } from './mergeResults';
import { openReportInput, type OpenReportInput } from './reportInput';
import { casesFileName, openResultsStream } from './resultsStream';
import { summarizeDigests } from './summarizeDigests';
import { writeStreamedReports, type WriteReportsOptions } from './writeReports';

/**
 * `parity merge` at any scale: reads each shard's `cases.ndjson`, checks the shards belong to one
 * run (`mergeHeaders`) and that a case reported twice has one outcome (by digest), copies every
 * case record byte for byte into `<out>/cases.ndjson` (through a temp name, so `out` may be one of
 * the shard directories), and writes every report from it. No shard's exchanges are held in memory.
 */
export async function mergeResultsDirs(dirs: readonly string[], out: string, options: MergeOptions & WriteReportsOptions = {}): Promise<{ run: RunResult; files: string[] }> {
  const inputs: OpenReportInput[] = [];
  const target = path.resolve(out);
  const tempName = `.${casesFileName}.merging-${process.pid}`;
  try {
    for (const dir of dirs) inputs.push(await openReportInput(path.resolve(dir)));
    const header = mergeHeaders(inputs.map((i) => i.run), options);
    const kept = new Map<string, { digest: CaseDigest; input: OpenReportInput }>();
    for (const input of [...inputs].sort((a, b) => (a.run.shard?.index ?? 0) - (b.run.shard?.index ?? 0))) {
      for (const digest of input.digests) {
        const seen = kept.get(digest.id);
        if (!seen) kept.set(digest.id, { digest, input });
        else if (seen.digest.outcome !== digest.outcome) throw conflict(digest.id, digest.suiteFile, seen.digest.status, seen.input.run, digest.status, input.run);
      }
    }
    const digests = [...kept.values()].map((k) => k.digest);
    // `remarkMergedRun` counts cases only: digests stand in for them.
    const counted = (run: RunResult, cases: readonly CaseDigest[]): RunResult => ({ ...run, cases: cases as unknown as RunResult['cases'] });
    const remarked = remarkMergedRun(counted(header, digests), inputs.map((i) => counted(i.run, i.digests)));
    const run: RunResult = {
      ...remarked,
      cases: [],
      summary: summarizeDigests(digests, { suites: header.suites, tokenParity: header.tokenParity, interrupted: header.interrupted }),
    };
    const stream = openResultsStream(target, { runId: run.runId, startedAt: run.startedAt }, tempName);
    try {
      for (const { digest, input } of kept.values()) stream.recordRaw(digest, await input.loadRaw(digest));
      stream.end(run);
    } finally {
      stream.close();
    }
    for (const input of inputs.splice(0)) await input.close();
    await rename(path.join(target, tempName), path.join(target, casesFileName));
    return { run, files: await writeStreamedReports(target, options) };
  } finally {
    for (const input of inputs) await input.close();
    await rm(path.join(target, tempName), { force: true });
  }
}
