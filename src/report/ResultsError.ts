import { HarnessError } from '../errors';

/** A results.json cannot be read, or shard results cannot be merged into one run. */
export class ResultsError extends HarnessError {
  override name = 'ResultsError' as const;
}
