import { HarnessError } from '../errors';

/** The file given to `parity import` is not what it claims to be (not a collection, an unknown OpenAPI version, …). */
export class ImportError extends HarnessError {
  override name = 'ImportError' as const;
}
