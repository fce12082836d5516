/**
 * The JUnit report as a CI consumer reads it, through an independent parser: the `junit2json`
 * package (xml2js underneath), run as its own CLI in a child process so nothing of the harness's
 * XML code is involved. Each assertion is a field that a consumer shows (docs/junit.md): counts,
 * failure vs error, time, message, file, line.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderJunit, type JunitOptions } from '../../src/report/renderJunit';
import { buildRun } from './fixtures';
import { scratchDir } from './paths';

interface ParsedDetails {
  message?: string;
  type?: string;
  inner?: string;
}
interface ParsedCase {
  name?: string;
  classname?: string;
  time?: number;
  file?: string;
  line?: number | string;
  failure?: ParsedDetails[];
  error?: ParsedDetails[];
  skipped?: unknown[];
  properties?: Array<{ name?: string; value?: string }>;
}
interface ParsedSuite {
  name?: string;
  tests?: number;
  failures?: number;
  errors?: number;
  skipped?: number;
  hostname?: string;
  testcase?: ParsedCase[];
}
interface ParsedRoot {
  tests?: number;
  failures?: number;
  errors?: number;
  testsuite?: ParsedSuite[];
}

const cli = path.resolve(__dirname, '..', '..', 'node_modules', 'junit2json', 'dist', 'esm', 'cli.js');

function parseWithJunit2json(xml: string): ParsedRoot {
  const { dir, cleanup } = scratchDir('junit2json');
  try {
    const file = path.join(dir, 'junit.xml');
    writeFileSync(file, xml);
    return JSON.parse(execFileSync(process.execPath, [cli, '-f', 'system-out', file], { encoding: 'utf8' })) as ParsedRoot;
  } finally {
    cleanup();
  }
}

const options: JunitOptions = { flavour: 'consumer', hostname: 'build-agent-3' };
let parsed: ParsedRoot;
let cases: ParsedCase[];
beforeAll(async () => {
  parsed = parseWithJunit2json(await renderJunit(buildRun(), options));
  cases = (parsed.testsuite ?? []).flatMap((s) => s.testcase ?? []);
});
const byName = (name: string): ParsedCase => {
  const found = cases.find((c) => c.name === name);
  if (!found) throw new Error(`junit2json found no testcase "${name}"`);
  return found;
};

describe('the default junit.xml as an independent parser (junit2json) reads it', () => {
  it('counts what the suites hold: tests, failures, errors and skipped add up per suite and overall', () => {
    expect(parsed).toMatchObject({ tests: 10, failures: 2, errors: 3 });
    expect(cases).toHaveLength(10);
    const menu = parsed.testsuite!.find((s) => s.name === 'PizzaShack menu & orders')!;
    expect(menu).toMatchObject({ tests: 7, failures: 2, errors: 2, skipped: 1, hostname: 'build-agent-3' });
    expect(menu.testcase!.filter((c) => c.failure).length).toBe(menu.failures);
    expect(menu.testcase!.filter((c) => c.error).length).toBe(menu.errors);
  });

  it('tells a regression (failure) from a harness error (error), with the count first in the failure message', () => {
    const failed = byName('places an order');
    expect(failed.error).toBeUndefined();
    expect(failed.failure![0]!.message).toMatch(/^4 regressions; first: status status changed: 201 → 200/);
    const broken = byName('reads an order by id');
    expect(broken.failure).toBeUndefined();
    expect(broken.error![0]).toMatchObject({ type: 'TargetUnreachableError', message: 'candidate: connect ECONNREFUSED 10.0.0.7:443' });
    expect(byName('updates an order').error![0]!.type).toBe('Interrupted');
    expect(byName('deletes an order').skipped).toHaveLength(1);
  });

  it('reads time in seconds, file and line of the case in its suite, and the classname naming suite and API', () => {
    expect(byName('places an order')).toMatchObject({ time: 0.612, file: 'suites/pizzashack.yaml', classname: 'PizzaShack menu & orders (pizzashack)' });
    expect(Number(byName('places an order').line)).toBe(21);
    expect(Number(byName('reads an order by id').line)).toBe(47);
    expect(byName('token parity')).toMatchObject({ classname: 'token parity', file: 'env/staging.env' });
    expect(Number(byName('token parity').line)).toBe(1);
  });
});
