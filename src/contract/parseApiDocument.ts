import { load as loadTolerantly } from 'js-yaml';
import { Document, LineCounter, parseDocument, type YAMLError } from 'yaml';

export interface ParsedApiDocument {
  value: unknown;
  /** The YAML tree, for line numbers; without ranges when only the tolerant parser could read the text. */
  tree: Document;
  lineCounter: LineCounter;
  /** True when the strict parser refused the text and js-yaml read it (positions are then unknown). */
  tolerated: boolean;
}

export interface ApiDocumentSyntaxError {
  /** The strict parser's first error, 1-based. */
  line: number;
  column: number;
  message: string;
  more: number;
}

/**
 * Parses an API document (OpenAPI, Swagger; YAML or JSON) the way the tools that publish them
 * do. The `yaml` package is strict where js-yaml and PyYAML are not — a multi-line quoted scalar
 * (a PEM key in a description) whose continuation lines start at column 0 is an error for it
 * and plain text for them — and a document someone else published cannot be fixed by the user.
 * So: `yaml` first (it gives line numbers), js-yaml when `yaml` refuses, and the strict parser's
 * located error only when both refuse. A UTF-8 byte-order mark (Windows editors write one) is
 * dropped first. Suites are not read here: they keep the strict parser's located errors.
 */
export function parseApiDocument(text: string): ParsedApiDocument | ApiDocumentSyntaxError {
  const source = text.replace(/^\uFEFF/, '');
  const lineCounter = new LineCounter();
  const tree = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const first: YAMLError | undefined = tree.errors[0];
  if (!first) return { value: tree.toJS({ maxAliasCount: -1 }) as unknown, tree, lineCounter, tolerated: false };
  try {
    const value = loadTolerantly(source);
    return { value, tree: new Document(value), lineCounter: new LineCounter(), tolerated: true };
  } catch {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    // The parser's own message may end in " at line …"; the position is reported separately.
    const message = first.message.split(/ at line \d+, column \d+/)[0]!.trim();
    return { line, column: col, message, more: tree.errors.length - 1 };
  }
}

export function isSyntaxError(parsed: ParsedApiDocument | ApiDocumentSyntaxError): parsed is ApiDocumentSyntaxError {
  return !('value' in parsed);
}
