import { SuiteError } from '../errors';

/** Where an issue sits in a file: 1-based line and column, plus the key path (`cases[3].request`). */
export interface IssueLocation {
  line?: number;
  column?: number;
  path?: string;
}

/**
 * Several problems in one file, thrown as one error so a user fixes them in one pass. It is still
 * a `SuiteError` (name, file, line, column, path and hint are those of the first problem); each
 * problem is in `errors` and on its own line of the message, in file order.
 */
export class SuiteErrorList extends SuiteError {
  readonly errors: SuiteError[];

  constructor(errors: SuiteError[]) {
    const first = errors[0]!;
    super(errors.map((error) => error.message).join('\n'), {
      file: first.file,
      line: first.line,
      column: first.column,
      path: first.path,
      hint: first.hint,
    });
    this.errors = errors;
  }
}

/** `suites/orders.yaml:14:7 cases[3].request: message` — the first line of every suite error. */
function formatIssue(file: string, location: IssueLocation, message: string): string {
  const position = location.line === undefined ? '' : `:${location.line}${location.column === undefined ? '' : `:${location.column}`}`;
  return `${file}${position}${location.path ? ` ${location.path}` : ''}: ${message}`;
}

export function createSuiteError(file: string, location: IssueLocation, message: string, hint?: string): SuiteError {
  return new SuiteError(formatIssue(file, location, message), { file, ...location, hint });
}

/**
 * Collects every problem found while validating one file, so validation can go on after the
 * first one. `throwIfAny` raises a single `SuiteError` for one problem, a `SuiteErrorList` for more.
 */
export class IssueCollector {
  private readonly found: SuiteError[] = [];

  constructor(readonly file: string) {}

  add(location: IssueLocation, message: string, hint?: string): void {
    const duplicate = this.found.some(
      (error) => error.line === location.line && error.column === location.column && error.path === location.path && error.message.endsWith(message),
    );
    if (!duplicate) this.found.push(createSuiteError(this.file, location, message, hint));
  }

  get count(): number {
    return this.found.length;
  }

  throwIfAny(): void {
    if (this.found.length === 0) return;
    const sorted = [...this.found].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    if (sorted.length === 1) throw sorted[0]!;
    throw new SuiteErrorList(sorted);
  }
}
