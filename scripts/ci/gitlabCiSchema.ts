import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';

/** The `$id` GitLab gives its CI schema (app/assets/javascripts/editor/schema/ci.json). */
const schemaId = 'https://gitlab.com/.gitlab-ci.yml';

/** From `start` (an opening brace), the index just past its matching close, skipping string literals. */
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      for (i += 1; i < text.length && text[i] !== ch; i += 1) if (text[i] === '\\') i += 1;
    } else if (ch === '{') depth += 1;
    else if (ch === '}') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error('unbalanced braces');
}

/**
 * GitLab's CI JSON schema, as `gitlab-ci-local` bundles it (its build copies GitLab's ci.json
 * into the bundle as an object literal). The literal is found by its `$id` and evaluated in an
 * empty context: it is plain data, so nothing of the bundle runs.
 */
export function gitlabCiSchema(root: string): Record<string, unknown> {
  const bundle = path.join(root, 'node_modules', 'gitlab-ci-local', 'dist', 'index.js');
  const text = readFileSync(bundle, 'utf8');
  const at = text.indexOf(`$id:"${schemaId}"`);
  if (at < 0) throw new Error(`${bundle}: GitLab's CI schema ($id ${schemaId}) not found; the gitlab-ci-local version in package-lock.json bundles it`);
  const open = text.lastIndexOf('{$schema:', at);
  if (open < 0) throw new Error(`${bundle}: the schema object around ${schemaId} has no $schema key`);
  const schema = runInNewContext(`(${text.slice(open, matchingBrace(text, open))})`, Object.create(null) as object, { timeout: 5000 }) as Record<string, unknown>;
  if (schema.$id !== schemaId) throw new Error(`${bundle}: extracted object is not GitLab's CI schema`);
  return schema;
}
