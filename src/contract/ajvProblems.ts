import type { PathKey } from '../model/jsonPath';
import { isRecord } from '../model/jsonPath';
import type { SchemaProblem } from './types';

/** The fields of an Ajv 8 error we read. */
interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * Ajv 8 errors (from any of its dialects) as `SchemaProblem`s: concrete body paths, the failed
 * keyword, a message for people and the offending value. `skip` drops leading path tokens a
 * wrapper added (openapi-response-validator validates `{ response: body }`). `if` errors are
 * dropped (the failing `then`/`else` branch says what is wrong); repeats are merged.
 */
export function ajvProblems(errors: readonly unknown[], body: unknown, skip: number): SchemaProblem[] {
  const seen = new Set<string>();
  return errors
    .filter(isAjvError)
    .filter((error) => error.keyword !== 'if')
    .map((error) => toProblem(error, body, skip))
    .filter((problem) => {
      const key = `${JSON.stringify(problem.path)} ${problem.keyword} ${problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function isAjvError(value: unknown): value is AjvError {
  return isRecord(value) && typeof value.instancePath === 'string' && typeof value.keyword === 'string' && isRecord(value.params);
}

function toProblem(error: AjvError, body: unknown, skip: number): SchemaProblem {
  const tokens = error.instancePath.split('/').slice(1 + skip).map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
  const path: PathKey[] = [];
  let node: unknown = body;
  for (const token of tokens) {
    if (Array.isArray(node) && /^\d+$/.test(token)) {
      path.push(Number(token));
      node = node[Number(token)];
    } else {
      path.push(token);
      node = isRecord(node) ? node[token] : undefined;
    }
  }
  const { params } = error;
  switch (error.keyword) {
    case 'required':
      return { path: [...path, String(params.missingProperty)], keyword: 'required', message: `required property "${String(params.missingProperty)}" is missing` };
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      return {
        path: [...path, name],
        keyword: error.keyword,
        message: `"${name}" is not declared (${error.keyword}: false)`,
        ...(isRecord(node) ? { value: node[name] } : {}),
      };
    }
    case 'type':
      return { path, keyword: 'type', message: `must be ${Array.isArray(params.type) ? params.type.join(' or ') : String(params.type)}`, value: node };
    case 'enum':
      return { path, keyword: 'enum', message: `must be one of ${Array.isArray(params.allowedValues) ? params.allowedValues.map((v) => JSON.stringify(v)).join(', ') : '(enum)'}`, value: node };
    default:
      return { path, keyword: error.keyword, message: error.message ?? `fails "${error.keyword}"`, value: node };
  }
}
