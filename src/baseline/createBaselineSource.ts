import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { apiEnvKey } from '../config/variables';
import type { CallKey, ExchangeSource } from '../engine/exchangeSource';
import { BaselineError } from '../errors';
import type { Exchange, TargetName } from '../model/result';
import { callFile, manifestFileName, inFolder, shownFolder } from './baselinePaths';
import { readManifest, sha256Hex, type BaselineManifest } from './manifest';
import { parseRecordedCall } from './recordedCall';

export interface BaselineSourceOptions {
  /** Project root: files are named relative to it in messages and reports (default: the working directory). */
  root?: string;
}

/** The command that records just this case again (`-t` is a regular expression: the name is escaped). */
function rerecordHint(caseId: string): string {
  const hash = caseId.indexOf('#');
  const file = hash < 0 ? caseId : caseId.slice(0, hash);
  const name = hash < 0 ? '' : caseId.slice(hash + 1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/"/g, '\\"');
  return `Record it with \`parity record ${file} -t "${name}"\` (the other recordings are kept), or restore the baseline from git.`;
}

/**
 * A target answered from a recorded baseline folder instead of the network. Every file's sha256
 * is checked against the manifest once, here: a hand-edited or tampered recording stops the run
 * before anything is compared against it. A call with no recording is an error for its case only.
 */
export function createBaselineSource(dir: string, target: TargetName, options: BaselineSourceOptions = {}): ExchangeSource {
  const absolute = path.resolve(dir);
  const shown = shownFolder(absolute, path.resolve(options.root ?? process.cwd()));
  const manifest = readManifest(absolute, shown);
  if (!manifest) {
    throw new BaselineError(`no baseline in ${shown}: ${inFolder(shown, manifestFileName)} does not exist`, {
      target,
      file: inFolder(shown, manifestFileName),
      hint: 'Record one with `parity record` (it writes baselines/<env>/), or point LEGACY_BASELINE / --legacy-baseline at the folder holding manifest.json.',
    });
  }
  verifyChecksums(absolute, shown, manifest, target);
  const folders = new Map(manifest.cases.map((entry) => [entry.id, entry.dir]));

  return {
    kind: 'baseline',
    baseUrl: (api) => manifest.apis[apiEnvKey(api).toLowerCase()],
    async exchange(key, request) {
      const relative = fileFor(key, folders);
      const shownFile = inFolder(shown, relative);
      const where = `case "${key.caseId}" step ${key.stepIndex} call ${key.call}`;
      if (!(relative in manifest.files) || !existsSync(path.join(absolute, relative))) {
        const why = existsSync(path.join(absolute, relative)) ? 'is not listed in the manifest (it was not written by `parity record`)' : 'is missing';
        throw new BaselineError(`no recording for ${where}: ${shownFile} ${why}`, { target, file: shownFile, hint: rerecordHint(key.caseId) });
      }
      const recorded = parseRecordedCall(readFileSync(path.join(absolute, relative), 'utf8'), shownFile);
      // A different method means the suite changed since the recording: replaying it would compare
      // the candidate against the answer to another request.
      if (recorded.request.method !== request.method) {
        throw new BaselineError(`stale recording for ${where}: ${shownFile} recorded ${recorded.request.method}, the suite now sends ${request.method}`, {
          target,
          file: shownFile,
          hint: rerecordHint(key.caseId),
        });
      }
      const exchange: Exchange = {
        target,
        request: recorded.request,
        response: recorded.response,
        startedAt: recorded.startedAt,
        durationMs: recorded.durationMs,
        retries: recorded.retries,
        source: { baseline: shownFile },
        error: recorded.error,
      };
      return exchange;
    },
  };
}

function fileFor(key: CallKey, folders: Map<string, string>): string {
  const folder = folders.get(key.caseId);
  return folder === undefined ? callFile(key.caseId, key.stepIndex, key.call) : `${folder}/step-${key.stepIndex}-call-${key.call}.json`;
}

/** Files listed but absent are left to the per-case check; a file whose bytes changed stops the run. */
function verifyChecksums(dir: string, shown: string, manifest: BaselineManifest, target: TargetName): void {
  const changed: string[] = [];
  for (const [relative, expected] of Object.entries(manifest.files)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(dir, relative));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new BaselineError(`cannot read ${inFolder(shown, relative)}: ${(error as Error).message}`, { target, file: inFolder(shown, relative) });
    }
    if (sha256Hex(bytes) !== expected) changed.push(inFolder(shown, relative));
  }
  if (changed.length === 0) return;
  const list = changed.length === 1 ? changed[0]! : `${changed[0]} (and ${changed.length - 1} more: ${changed.slice(1).join(', ')})`;
  throw new BaselineError(`${list}: checksum mismatch: the file changed since it was recorded; re-record with \`parity record\` or restore it`, {
    target,
    file: changed[0]!,
    hint: `The sha256 in ${inFolder(shown, manifestFileName)} no longer matches. A recording is evidence for the sign-off, so it is never edited by hand: record the case again, or \`git checkout -- ${changed[0]}\`.`,
  });
}
