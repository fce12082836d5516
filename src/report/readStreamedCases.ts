import type { CaseResult } from '../model/result';
import type { CaseDigest } from './caseDigest';
import { openReportInput } from './reportInput';

/**
 * The full results of the cases a reports directory's `cases.ndjson` holds, in report order, one
 * at a time: only those whose digest `keep` accepts are read and parsed at all.
 */
export async function* readStreamedCases(dir: string, keep: (digest: CaseDigest) => boolean): AsyncIterable<CaseResult> {
  const input = await openReportInput(dir);
  try {
    yield* input.cases(keep);
  } finally {
    await input.close();
  }
}
