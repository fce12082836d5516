import type { CaseResult, RunResult, SuiteInfo, TargetInfo, TargetName, ThrottlingAdvice } from '../model/result';
import { targetNames } from '../model/result';
import { byText } from './groupBySuite';
import { ResultsError } from './ResultsError';
import { summarize } from './summarize';

export { readResultsDir, readRunHeader } from './readResultsDir';

export interface MergeOptions {
  /**
   * Merge even when shard results are missing (`--shard 2/3` never reported). Off by default: a
   * CI gate that merged two of three shards would otherwise pass on cases that never ran. When
   * on, the merged run carries a warning naming the missing shards.
   */
  allowMissingShards?: boolean;
}

const label = (run: RunResult): string => (run.shard ? `shard ${run.shard.index}/${run.shard.count} (run ${run.runId})` : `run ${run.runId}`);

/** What must agree for two results of one case id to be "the same result" (timings excluded). */
function outcomeOf(result: CaseResult): string {
  return JSON.stringify({
    status: result.status,
    error: result.error ?? null,
    steps: result.steps.map((s) => ({ differences: s.differences, unlisted: s.unlisted, expectations: s.expectations })),
  });
}

function same<T>(runs: readonly RunResult[], pick: (run: RunResult) => T, what: string, hint: string): T {
  const first = pick(runs[0]!);
  for (const run of runs.slice(1)) {
    if (JSON.stringify(pick(run)) !== JSON.stringify(first)) {
      throw new ResultsError(`cannot merge ${label(runs[0]!)} and ${label(run)}: ${what} differs (${JSON.stringify(first)} vs ${JSON.stringify(pick(run))})`, { hint });
    }
  }
  return first;
}

function mergeTargets(runs: readonly RunResult[]): Record<TargetName, TargetInfo> {
  const merged = {} as Record<TargetName, TargetInfo>;
  for (const name of targetNames) {
    const infos = runs.map((r) => r.environment.targets[name]);
    same(runs, (r) => [r.environment.targets[name].profile, r.environment.targets[name].auth, r.environment.targets[name].baseline ?? null], `the ${name} target (profile, auth, baseline)`, 'Merge only shards of one run against one environment.');
    // Hosts may legitimately differ (the sandbox listens on a random port per shard): keep all.
    const hosts = [...new Set(infos.flatMap((i) => i.hosts))];
    merged[name] = { ...infos[0]!, hosts, tlsVerify: infos.every((i) => i.tlsVerify) };
  }
  return merged;
}

function missingShards(runs: readonly RunResult[]): string | undefined {
  const sharded = runs.filter((r) => r.shard);
  if (sharded.length === 0) return undefined;
  const counts = new Set(sharded.map((r) => r.shard!.count));
  if (counts.size > 1) throw new ResultsError(`cannot merge shards of different splits: ${sharded.map(label).join(', ')}`, { hint: 'Merge the shards of one `--shard i/n` run (all with the same n).' });
  const count = [...counts][0]!;
  const present = new Set(sharded.map((r) => r.shard!.index));
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !present.has(i));
  return missing.length === 0 ? undefined : `Merged results lack shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')}: their cases never reported.`;
}

/**
 * Merges shard results into the run a single machine would have produced: the union of suites
 * and cases (deduplicated by id, ordered by file and id), one summary recomputed by `summarize`,
 * the earliest start and latest finish. A case id reported twice with different outcomes, or
 * shards of different environments or commits, are errors — merging them would hide a problem.
 */
export function mergeRuns(runs: readonly RunResult[], options: MergeOptions = {}): RunResult {
  const header = mergeHeaders(runs, options);
  const cases = new Map<string, { result: CaseResult; from: RunResult }>();
  for (const run of [...runs].sort(byShard)) {
    for (const result of run.cases) {
      const seen = cases.get(result.id);
      if (!seen) cases.set(result.id, { result, from: run });
      else if (outcomeOf(seen.result) !== outcomeOf(result)) throw conflict(result.id, result.suiteFile, seen.result.status, seen.from, result.status, run);
    }
  }
  const mergedCases = [...cases.values()].map((c) => c.result).sort((a, b) => byText(a.id, b.id));
  return {
    ...header,
    cases: mergedCases,
    summary: summarize(mergedCases, { suites: header.suites, tokenParity: header.tokenParity, interrupted: header.interrupted }),
  };
}

const byShard = (a: RunResult, b: RunResult): number => (a.shard?.index ?? 0) - (b.shard?.index ?? 0);

export function conflict(id: string, file: string, firstStatus: string, first: RunResult, status: string, run: RunResult): ResultsError {
  return new ResultsError(`case "${id}" has conflicting results: ${firstStatus} in ${label(first)}, ${status} in ${label(run)}`, {
    file,
    hint: 'The same case ran in two shards and the gateways answered differently; check the sharding and re-run.',
  });
}

/**
 * Everything `mergeRuns` merges except the cases and the summary: the checks that the shards
 * belong to one run (versions, environment, commit, suites, shard split) and the union of their
 * suites, token parity, throttling advice and warnings. `cases` is `[]` and `summary` is the first
 * shard's: the caller counts the merged cases (`mergeRuns` from results, `mergeResultsDirs` from
 * digests).
 */
export function mergeHeaders(runs: readonly RunResult[], options: MergeOptions = {}): RunResult {
  if (runs.length === 0) throw new ResultsError('nothing to merge: no results were given', { hint: 'Pass the reports directory of every shard.' });
  const ordered = [...runs].sort(byShard);
  same(ordered, (r) => r.schemaVersion, 'schemaVersion', 'Re-run the shards with one harness version.');
  const harnessVersion = same(ordered, (r) => r.harnessVersion, 'harnessVersion', 'Re-run the shards with one harness version.');
  same(ordered, (r) => [r.environment.name, r.environment.production, r.environment.sandbox], 'the environment', 'Merge only shards of one run against one environment.');
  const commits = new Set(ordered.flatMap((r) => (r.git ? [r.git.commit] : [])));
  if (commits.size > 1) throw new ResultsError(`cannot merge results from different commits: ${[...commits].join(', ')}`, { hint: 'Every shard must test the same commit of the suites.' });
  const git = ordered.find((r) => r.git)?.git;

  const missing = missingShards(ordered);
  if (missing && !options.allowMissingShards) throw new ResultsError(missing, { hint: 'Download every shard’s results, or pass allowMissingShards to merge anyway (the merged run then carries a warning).' });

  const suites = new Map<string, { suite: SuiteInfo; from: RunResult }>();
  for (const run of ordered) {
    for (const suite of run.suites) {
      const seen = suites.get(suite.file);
      if (!seen) suites.set(suite.file, { suite, from: run });
      else if (JSON.stringify(seen.suite) !== JSON.stringify(suite)) {
        throw new ResultsError(`suite ${suite.file} differs between ${label(seen.from)} and ${label(run)} (sha256 or load error)`, { file: suite.file, hint: 'The suite file changed between shards; re-run them from one commit.' });
      }
    }
  }

  const mergedSuites = [...suites.values()].map((s) => s.suite).sort((a, b) => byText(a.file, b.file));
  const tokenParity = ordered.find((r) => r.tokenParity)?.tokenParity;
  const interrupted = ordered.some((r) => r.interrupted);
  // First-seen order: every shard derives the advice from the same environment, so this is the
  // order a single run would have written.
  const throttling = new Map<string, ThrottlingAdvice>();
  for (const advice of ordered.flatMap((r) => r.throttling)) if (!throttling.has(JSON.stringify(advice))) throttling.set(JSON.stringify(advice), advice);
  const warnings = [...new Set([...ordered.flatMap((r) => r.warnings), ...(missing ? [missing] : [])])];
  const runIds = [...new Set(ordered.map((r) => r.runId))];

  return {
    schemaVersion: ordered[0]!.schemaVersion,
    harnessVersion,
    runId: runIds.length === 1 ? runIds[0]! : runIds.sort(byText).join('+'),
    startedAt: ordered.map((r) => r.startedAt).reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a)),
    finishedAt: ordered.map((r) => r.finishedAt).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)),
    environment: { ...ordered[0]!.environment, targets: mergeTargets(ordered) },
    git,
    suites: mergedSuites,
    cases: [],
    tokenParity,
    throttling: [...throttling.values()],
    warnings,
    interrupted,
    summary: ordered[0]!.summary,
  };
}
