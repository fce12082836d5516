import { JsonPathSyntaxError, parseJsonPath } from '../model/jsonPath';

export const jsonPathHint =
  'JSON paths start with "$" and use .key, ["odd key"], [3], [*] or .* (any item) and ..key (any depth), e.g. "$.items[*].price".';

/** Why `expression` is not a JSON path of the shared subset, or undefined when it is one. */
export function jsonPathProblem(expression: string): string | undefined {
  try {
    parseJsonPath(expression);
    return undefined;
  } catch (error) {
    if (!(error instanceof JsonPathSyntaxError)) throw error;
    const detail = error.message.replace(/^JSON path "(?:[^"\\]|\\.)*":? ?/, '');
    return `invalid JSON path "${expression}": ${detail}`;
  }
}
