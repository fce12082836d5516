import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { apiEnvKey } from '../config/variables';
import type { CallKey, ExchangeSource } from '../engine/exchangeSource';
import { harnessVersion } from '../engine/harnessVersion';
import { BaselineError } from '../errors';
import type { Exchange, HarnessErrorInfo, TargetName } from '../model/result';
import { writeFileAtomic } from '../shared/writeFileAtomic';
import { caseFolder, manifestFileName, inFolder, shownFolder } from './baselinePaths';
import { baselineFormat, readManifest, renderManifest, sha256Hex, type BaselineCaseEntry, type BaselineManifest } from './manifest';
import { renderRecordedCall, toRecordedCall } from './recordedCall';

export interface RecordingMeta {
  /** Environment name (`sandbox`, `staging`), written into the manifest. */
  env: string;
  target: TargetName;
  profile: string;
  /** Per-API base URL of the recorded side (`pizzashack` → URL), so a replay rewrites URLs as recorded. */
  apis: Record<string, string>;
  /** Project root, for naming files in messages (default: the working directory). */
  root?: string;
  now?: () => Date;
}

export interface RecordingSummary {
  /** The manifest written by `finish()`, as messages name it. */
  manifestFile: string;
  /** Cases with at least one call recorded in this session, by id. */
  recordedCases: string[];
  filesWritten: number;
  /** Cases of an earlier recording kept untouched (not selected this time, or every call failed). */
  keptCases: number;
  /** Calls that failed live and so were not written (the case keeps its earlier recording, if any). */
  notRecorded: Array<{ caseId: string; stepIndex: number; call: number; error: HarnessErrorInfo }>;
}

/** A recording source: an `ExchangeSource`, plus what a recording session needs around it. */
export interface RecordingSource extends ExchangeSource {
  /**
   * A source for the other target that is never called: it answers with a copy of this side's
   * first call, so a recording run compares the legacy with itself, captures flow, and the
   * candidate gateway sees no request at all.
   */
  mirror(): ExchangeSource;
  summary(): RecordingSummary;
}

/**
 * Wraps a live source and writes every exchange it returns to
 * `<dir>/<suite-file-slug>/<case-slug>/step-<n>-call-<k>.json`; `finish()` writes `manifest.json`.
 * Re-recording some cases replaces only their folders and keeps every other case of an earlier
 * manifest as it was (its checksums too: a tampered file stays detectable).
 */
export function createRecordingSource(inner: ExchangeSource, dir: string, meta: RecordingMeta): RecordingSource {
  const absolute = path.resolve(dir);
  const shown = shownFolder(absolute, path.resolve(meta.root ?? process.cwd()));
  const now = meta.now ?? (() => new Date());
  // Read before anything is called: an unreadable earlier manifest stops the run, not its end.
  const previous = readManifest(absolute, shown);
  const session: Session = new Map();
  const owners = new Map<string, string>((previous?.cases ?? []).map((entry) => [entry.dir, entry.id]));
  const started = new Map<string, Promise<void>>();
  const firstCalls: FirstCalls = new Map();
  const notRecorded: RecordingSummary['notRecorded'] = [];
  let filesWritten = 0;
  let keptCases = 0;

  async function record(key: CallKey, exchange: Exchange): Promise<void> {
    if (exchange.error) {
      notRecorded.push({ caseId: key.caseId, stepIndex: key.stepIndex, call: key.call, error: exchange.error });
      return;
    }
    const folder = caseFolder(key.caseId);
    const owner = owners.get(folder);
    if (owner !== undefined && owner !== key.caseId) {
      throw new BaselineError(`cases "${owner}" and "${key.caseId}" would both be recorded in ${inFolder(shown, folder)}`, {
        target: meta.target,
        file: inFolder(shown, folder),
        hint: 'Baseline folders are made from the suite file and case names; rename one of the two cases so their names differ in more than punctuation or case.',
      });
    }
    owners.set(folder, key.caseId);
    // The first recorded call of a case in this session clears what an earlier recording left, so
    // a case that lost a step does not keep replaying the old one.
    let cleared = started.get(key.caseId);
    if (!cleared) {
      cleared = rm(path.join(absolute, folder), { recursive: true, force: true });
      started.set(key.caseId, cleared);
      session.set(key.caseId, { dir: folder, recordedAt: now().toISOString(), files: new Map() });
    }
    await cleared;
    const relative = `${folder}/step-${key.stepIndex}-call-${key.call}.json`;
    const content = renderRecordedCall(toRecordedCall(key, exchange));
    await mkdir(path.join(absolute, folder), { recursive: true });
    await writeFileAtomic(path.join(absolute, relative), content);
    session.get(key.caseId)!.files.set(relative, sha256Hex(content));
    filesWritten += 1;
  }

  return {
    kind: inner.kind,
    async exchange(key, request, settings) {
      const exchange = await inner.exchange(key, request, settings);
      if (key.call === 0) firstCalls.set(callId(key), exchange);
      await record(key, exchange);
      return exchange;
    },
    mirror: () => createMirrorSource(firstCalls, meta, now),
    async finish() {
      const manifest = mergeManifest(previous, session, meta, now());
      keptCases = manifest.cases.length - session.size;
      await mkdir(absolute, { recursive: true });
      await writeFileAtomic(path.join(absolute, manifestFileName), renderManifest(manifest));
    },
    summary: () => ({
      manifestFile: inFolder(shown, manifestFileName),
      recordedCases: [...session.keys()].sort(),
      filesWritten,
      keptCases,
      notRecorded,
    }),
  };
}

/** The recorded side's first call of each key, until the mirror takes it. */
type FirstCalls = Map<string, Exchange>;
type Session = Map<string, { dir: string; recordedAt: string; files: Map<string, string> }>;

function createMirrorSource(firstCalls: FirstCalls, meta: RecordingMeta, now: () => Date): ExchangeSource {
  const marker = { baseline: `(not called: a copy of the ${meta.target} answer, made while recording)` };
  return {
    kind: 'mirror',
    after: meta.target,
    baseUrl: (api) => meta.apis[apiEnvKey(api).toLowerCase()],
    async exchange(key, request) {
      const id = callId({ ...key, call: 0 });
      const original = firstCalls.get(id);
      firstCalls.delete(id);
      if (original) return { ...original, target: request.target, source: marker };
      // The recorded side failed before it sent anything (token, template): its own error ends the step.
      return {
        target: request.target,
        request: { method: request.method, url: request.url, headers: {} },
        startedAt: now().toISOString(),
        durationMs: 0,
        retries: [],
        source: marker,
        error: { name: 'NotRecorded', message: `the ${meta.target} side produced no answer to copy` },
      };
    },
  };
}

/** This session's cases replace their earlier entries; every other earlier case is kept with its checksums. */
function mergeManifest(previous: BaselineManifest | undefined, session: Session, meta: RecordingMeta, at: Date): BaselineManifest {
  const cases: BaselineCaseEntry[] = [];
  const files: Record<string, string> = {};
  for (const [id, entry] of session) {
    cases.push({ id, dir: entry.dir, recordedAt: entry.recordedAt, files: [...entry.files.keys()] });
    for (const [file, sha] of entry.files) files[file] = sha;
  }
  for (const entry of previous?.cases ?? []) {
    if (session.has(entry.id)) continue;
    cases.push(entry);
    for (const file of entry.files) if (previous!.files[file] !== undefined) files[file] = previous!.files[file]!;
  }
  return {
    format: baselineFormat,
    harnessVersion,
    env: meta.env,
    target: meta.target,
    profile: meta.profile,
    recordedAt: at.toISOString(),
    apis: { ...previous?.apis, ...meta.apis },
    cases,
    files,
  };
}

function callId(key: CallKey): string {
  return `${key.caseId}\u0000${key.stepIndex}\u0000${key.call}`;
}
