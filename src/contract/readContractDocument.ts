import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { contractError } from './contractError';

export interface ContractDocument {
  /** The document as plain data. */
  value: unknown;
  /** The parsed YAML tree, kept for line numbers. */
  tree: Document;
  lineCounter: LineCounter;
}

/**
 * Reads a YAML or JSON file (JSON is YAML 1.2, so one parser gives line numbers for both).
 * Throws `ContractError` naming the file, and the line where the parser saw the problem.
 */
export function readContractDocument(absolutePath: string, file: string): ContractDocument {
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw contractError(
      file,
      {},
      code === 'ENOENT' ? 'OpenAPI document not found' : `cannot read the OpenAPI document: ${(error as Error).message}`,
      'Set PARITY_API_<NAME>_OPENAPI to a path relative to the project root, e.g. specs/pizzashack.yaml.',
      error,
    );
  }
  const lineCounter = new LineCounter();
  const tree = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const first = tree.errors[0];
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    // The parser's own message may end in " at line …"; the position is in ours already.
    const own = first.message.split(/ at line \d+, column \d+/)[0]!.trim();
    const more = tree.errors.length > 1 ? ` (and ${tree.errors.length - 1} more syntax error${tree.errors.length > 2 ? 's' : ''})` : '';
    throw contractError(file, { line, column: col }, `not valid YAML/JSON: ${own}${more}`, 'Fix the syntax at this position; an editor with an OpenAPI plugin shows these as you type.');
  }
  let value: unknown;
  try {
    value = tree.toJS();
  } catch (error) {
    throw contractError(file, {}, `cannot read the document: ${(error as Error).message}`, undefined, error);
  }
  return { value, tree, lineCounter };
}
