import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { IssueCollector, createSuiteError } from './suiteIssues';
import { YamlReader } from './yamlReader';

export interface YamlFile {
  reader: YamlReader;
  issues: IssueCollector;
  /** Relative to the project root, forward slashes. */
  file: string;
  absolute: string;
  sha256: string;
}

/** Friendlier words for the YAML parser's error codes, with what to do. */
const yamlErrorAdvice: Record<string, { message?: string; hint: string }> = {
  TAB_AS_INDENT: { message: 'a tab is used for indentation', hint: 'YAML indents with spaces only: replace the tab with spaces.' },
  DUPLICATE_KEY: { message: 'this key appears twice in the same mapping', hint: 'Remove or rename one of them: YAML would silently keep only one.' },
  BAD_INDENT: { hint: 'Line this up with its siblings (same number of spaces), and indent children more than their parent.' },
  MISSING_CHAR: { hint: 'A bracket, brace or quote is not closed.' },
  MULTIPLE_DOCS: { message: 'the file holds more than one YAML document', hint: 'A suite file is one document: remove the extra "---" or split it into files.' },
  BLOCK_AS_IMPLICIT_KEY: { hint: 'A key is probably missing its ":" or a value is indented too far.' },
  MULTILINE_IMPLICIT_KEY: { hint: 'A key is probably missing its ":" or the previous line is not indented consistently.' },
  UNEXPECTED_TOKEN: { hint: 'Check the syntax around this position (a stray character, or a ":" inside an unquoted value — quote it).' },
};

/** `suites/orders.yaml` for messages and ids: relative to the root, forward slashes. */
export function relativeFile(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}

/**
 * Reads and parses one YAML file. Unreadable files and YAML syntax errors are thrown at once
 * (every syntax error, each with its position); structural checks are left to the caller.
 */
export function readYamlFile(file: string, root: string): YamlFile {
  const absolute = path.resolve(root, file);
  const relative = relativeFile(root, absolute);
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : `cannot read the file: ${(error as Error).message}`;
    throw createSuiteError(relative, {}, message, code === 'ENOENT' ? 'Check the path; suite files live under suites/ and end in .yaml or .yml.' : undefined);
  }
  const issues = new IssueCollector(relative);
  const lineCounter = new LineCounter();
  const doc = parseDocument(bytes.toString('utf8'), { lineCounter, prettyErrors: false, merge: true, uniqueKeys: true });
  for (const error of doc.errors) addYamlError(issues, lineCounter, error);
  issues.throwIfAny();
  return {
    reader: new YamlReader(doc, lineCounter, issues),
    issues,
    file: relative,
    absolute,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

function addYamlError(issues: IssueCollector, lineCounter: LineCounter, error: YAMLError): void {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  const advice = yamlErrorAdvice[error.code];
  // The parser's own message may end in " at line …" plus a code frame; the position is ours.
  const own = error.message.split(/ at line \d+, column \d+/)[0]!.trim();
  issues.add({ line, column: col }, `YAML syntax error: ${advice?.message ?? lowerFirst(own)}`, advice?.hint ?? 'Check the YAML syntax at this position.');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
