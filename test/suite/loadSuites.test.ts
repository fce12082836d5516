import path from 'node:path';
import { SuiteError } from '../../src/errors';
import { discoverSuites } from '../../src/suite/discoverSuites';
import { loadSuites } from '../../src/suite/loadSuites';
import { createProject, thrown } from './helpers';

const good = 'api: a\ncases: [{ name: x, request: GET /x }]\n';

describe('discoverSuites', () => {
  it('finds suites/**/*.yaml and *.yml sorted, skipping files that start with "_"', () => {
    const project = createProject({ 'suites/b.yaml': good, 'suites/a/z.yml': good, 'suites/_global.yaml': '', 'suites/notes.txt': '', 'other/x.yaml': good });
    try {
      const files = discoverSuites(project.root).map((file) => path.relative(project.root, file).split(path.sep).join('/'));
      expect(files).toEqual(['suites/a/z.yml', 'suites/b.yaml']);
    } finally {
      project.cleanup();
    }
  });

  it('takes files, folders and globs, and calls a pattern that matches nothing a typo', () => {
    const project = createProject({ 'suites/orders.yaml': good, 'suites/menu.yaml': good, 'more/x.yaml': good });
    try {
      const rel = (files: string[]) => files.map((file) => path.relative(project.root, file).split(path.sep).join('/'));
      expect(rel(discoverSuites(project.root, ['suites/orders.yaml', 'more']))).toEqual(['more/x.yaml', 'suites/orders.yaml']);
      expect(rel(discoverSuites(project.root, ['suites/m*.yaml']))).toEqual(['suites/menu.yaml']);
      const error = thrown(() => discoverSuites(project.root, ['suites/ordres.yaml']));
      expect(error).toBeInstanceOf(SuiteError);
      expect(error.message).toBe('suites/ordres.yaml: no suite file matches "suites/ordres.yaml". Did you mean "suites/orders.yaml"?');
    } finally {
      project.cleanup();
    }
  });
});

describe('loadSuites', () => {
  it('loads every file it can and returns the error of each bad one, in the order asked', () => {
    const project = createProject({ 'suites/a.yaml': good, 'suites/b.yaml': 'api: a\ncases: [{ name: x }]\n', 'suites/c.yaml': good });
    try {
      const results = loadSuites(['suites/a.yaml', 'suites/b.yaml', 'suites/c.yaml'], { root: project.root });
      expect(results.map((result) => [result.file, result.suite ? 'ok' : result.error.message])).toEqual([
        ['suites/a.yaml', 'ok'],
        ['suites/b.yaml', 'suites/b.yaml:2:9 cases[0]: a case needs request: (one call) or steps: (a scenario)'],
        ['suites/c.yaml', 'ok'],
      ]);
    } finally {
      project.cleanup();
    }
  });

  it('gives every suite the error of a broken _global.yaml, since none can load without it', () => {
    const project = createProject({ 'suites/a.yaml': good, 'suites/_global.yaml': 'rules:\n  ignroe: []\n' });
    try {
      const results = loadSuites(['suites/a.yaml'], { root: project.root });
      expect(results[0]!.error?.message).toBe('suites/_global.yaml:2:3 rules: unknown key "ignroe". Did you mean "ignore"?');
    } finally {
      project.cleanup();
    }
  });
});
