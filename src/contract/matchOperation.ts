import { decodeSegment, normalizeOperationPath, pathSegments } from './operationPath';
import type { Contract, ContractOperation, TemplateSegment } from './types';

export type OperationMatch =
  | { kind: 'matched'; operation: ContractOperation }
  /** No path template matches the request path. */
  | { kind: 'no-path'; path: string }
  /** The path is documented, the method is not. */
  | { kind: 'no-method'; path: string; pathTemplate: string; methods: string[] };

/**
 * Finds the operation a request belongs to by method and path template. `requestPath` is
 * relative to the API's base URL: the document's `servers`/`basePath` are ignored, because
 * each gateway serves the API under its own base.
 *
 * When several templates match, the more concrete one wins (`/order/latest` over
 * `/order/{orderId}`), as the OpenAPI Paths Object says; the method is then looked up on that path
 * only, so `DELETE /order/latest` on a GET-only concrete path is "no such method".
 */
export function matchOperation(contract: Contract, method: string, requestPath: string): OperationMatch {
  const path = normalizeOperationPath(requestPath);
  const segments = pathSegments(path).map(decodeSegment);
  const matching = contract.operations.filter((operation) => segmentsMatch(operation.segments, segments));
  // Stable sort: templates equally concrete (`/order/{id}` vs `/order/{orderId}`, which the
  // spec calls ambiguous) keep document order, so the first one written wins.
  const first = [...matching].sort((a, b) => compareSpecificity(a.segments, b.segments))[0];
  if (!first) return { kind: 'no-path', path };
  const best = matching.filter((operation) => operation.pathTemplate === first.pathTemplate);
  const upper = method.toUpperCase();
  const operation = best.find((candidate) => candidate.method === upper);
  if (operation) return { kind: 'matched', operation };
  return { kind: 'no-method', path, pathTemplate: first.pathTemplate, methods: best.map((candidate) => candidate.method) };
}

function segmentsMatch(template: readonly TemplateSegment[], actual: readonly string[]): boolean {
  if (template.length !== actual.length) return false;
  return template.every((segment, index) => {
    const text = actual[index]!;
    return segment.type === 'literal' ? segment.text === text : text !== '' && segment.pattern.test(text);
  });
}

/** Negative when `a` is more concrete than `b`: the first segment where one is literal decides. */
function compareSpecificity(a: readonly TemplateSegment[], b: readonly TemplateSegment[]): number {
  for (let index = 0; index < a.length; index += 1) {
    const left = a[index]!.type;
    const right = b[index]!.type;
    if (left !== right) return left === 'literal' ? -1 : 1;
  }
  return 0;
}
