import { readFileSync } from 'node:fs';
import type { Document, LineCounter } from 'yaml';
import { contractError } from './contractError';
import { isSyntaxError, parseApiDocument } from './parseApiDocument';

export interface ContractDocument {
  /** The document as plain data. */
  value: unknown;
  /** The parsed YAML tree, kept for line numbers. */
  tree: Document;
  lineCounter: LineCounter;
}

/**
 * Reads a YAML or JSON file (JSON is YAML 1.2, so one parser gives line numbers for both), as
 * tolerantly as the tools that publish API documents (see `parseApiDocument`). Throws
 * `ContractError` naming the file, and the line where the parser saw the problem.
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
  const parsed = parseApiDocument(text);
  if (isSyntaxError(parsed)) {
    const more = parsed.more > 0 ? ` (and ${parsed.more} more syntax error${parsed.more > 1 ? 's' : ''})` : '';
    throw contractError(file, { line: parsed.line, column: parsed.column }, `not valid YAML/JSON: ${parsed.message}${more}`, 'Fix the syntax at this position; an editor with an OpenAPI plugin shows these as you type.');
  }
  const { value, tree, lineCounter } = parsed;
  return { value, tree, lineCounter };
}
