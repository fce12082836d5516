/**
 * What every importer returns: suite files (valid suite YAML, loadable by `loadSuiteFile`), and
 * everything it could not turn into a case, each with the reason. Paths are relative to the
 * output folder (`--out`, default `suites/`); nothing is written by an importer itself.
 */
export interface ImportResult {
  files: ImportedFile[];
  skipped: SkippedItem[];
  /** What the user has to do next (environment variables to set, …), one sentence each. */
  notes: string[];
  /** Script lines (Postman) that no suite key expresses: left to the user, each with its line. */
  unconverted?: UnconvertedScript[];
  /**
   * Environment variables the suites read credentials from (`{{env.NAME}}`): marked here, and in
   * each file's header, so the run can treat their values as secrets.
   */
  credentials?: string[];
}

export interface UnconvertedScript {
  /** The request (`Folder / Request`), folder or collection the script belongs to. */
  item: string;
  event: 'prerequest' | 'test';
  /** 1-based line in the script as Postman shows it. */
  line: number;
  text: string;
}

export interface ImportedFile {
  path: string;
  yaml: string;
  /** How many cases it holds (skipped ones included). */
  cases: number;
}

export interface SkippedItem {
  /** The request, operation or entry, as the source names it. */
  item: string;
  reason: string;
}

/** Options shared by the importers; each one documents what it does with them. */
export interface ImportOptions {
  /** The API name suites use (`api:`); selects `LEGACY_API_<NAME>_URL`. Default: from the source's title. */
  api?: string;
  /** The API's base URL in the source: request URLs are made relative to it. */
  baseUrl?: string;
  /** The file imported from, for the generated comments. */
  sourceFile?: string;
}
