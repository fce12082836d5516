import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { runDefaults } from '../../src/config/defaults';
import { defaultSendLimits } from '../../src/execute/sendRequest';
import type { CaseResult, Exchange, RecordedBody, RunResult } from '../../src/model/result';
import { reportFileNames, writeReports } from '../../src/report/writeReports';
import { createHugeBody } from '../../src/sandbox/injectFault';
import type { SandboxFault } from '../../src/sandbox/types';
import { makeProject, runInProject } from '../e2e/helpers';
import { expectValidReports, junitOutcome, statusesOf, type WrittenReports } from './reportChecks';

/**
 * Each sandbox fault on the candidate side, run end to end (engine, sandbox, reports) on a
 * one-suite project with an idempotent GET and a non-idempotent POST, under tight settings: the
 * run must complete, every affected case must end as a clear error or a parity failure with its
 * retries on record, and every report must be valid.
 */
const tight = {
  PARITY_TIMEOUT_MS: '1500',
  LEGACY_RETRY_TRANSIENT: '1',
  CANDIDATE_RETRY_TRANSIENT: '1',
  LEGACY_RETRY_BACKOFF_MS: '50',
  CANDIDATE_RETRY_BACKOFF_MS: '50',
  LEGACY_RETRY_THROTTLED: '1',
  CANDIDATE_RETRY_THROTTLED: '1',
};

/**
 * The sandbox shares this process's event loop with the engine: while one side builds or parses
 * tens of MiB, the other's clock runs on, and a 1.5 s timeout would turn a size fault into a
 * timeout. A real gateway is another machine; size faults get time enough to stay size faults.
 */
const roomForBigBodies = { PARITY_TIMEOUT_MS: '60000' };

const menu = 'list the menu';
const order = 'place an order';
/** The candidate's URL as the error messages name it (loopback, any port, the Choreo path). */
const candidateUrl = (resource: string) => new RegExp(`http://127\\.0\\.0\\.1:\\d+/acme-project/pizzashack/pizzashack-api/1\\.0\\.0${resource}`);

interface FaultRun extends WrittenReports {
  run: RunResult;
  root: string;
  byName(name: string): CaseResult;
  candidate(name: string): Exchange;
}

async function runWithFault(fault: SandboxFault, cleanups: Array<() => void>, env: Record<string, string> = {}): Promise<FaultRun> {
  const project = makeProject({ suites: false });
  cleanups.push(project.cleanup);
  mkdirSync(path.join(project.root, 'suites'));
  copyFileSync(path.join(__dirname, 'fixtures', 'menu-and-order.yaml'), path.join(project.root, 'suites', 'menu-and-order.yaml'));
  const run = await runInProject(project.root, { env: { ...tight, ...env, PARITY_SANDBOX_FAULT: fault } });
  const reports = expectValidReports(path.join(project.root, 'reports'));
  // The report says what the run said: no result lost or changed on the way to disk.
  expect(statusesOf(reports.results)).toEqual(statusesOf(run));
  const byName = (name: string): CaseResult => {
    const found = run.cases.find((c) => c.name === name);
    if (!found) throw new Error(`no case named "${name}" in the run`);
    return found;
  };
  return { ...reports, run, root: project.root, byName, candidate: (name) => byName(name).steps[0]!.candidate };
}

/** The legacy side answered normally: its exchange is kept even when the candidate broke. */
function expectLegacyAnswered(result: FaultRun): void {
  expect(result.byName(menu).steps[0]?.legacy.response?.status).toBe(200);
  expect(result.byName(order).steps[0]?.legacy.response?.status).toBe(201);
}

describe('a parity run against a candidate that misbehaves', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('ends both cases as an error naming the candidate and a connection closed mid-body when the connection resets halfway (reset-mid-body), retrying the GET once and never the POST', async () => {
    const result = await runWithFault('reset-mid-body', cleanups);
    expect(statusesOf(result.run)).toEqual({ [menu]: 'error', [order]: 'error' });
    for (const [name, method, resource] of [[menu, 'GET', '/menu'], [order, 'POST', '/order']] as const) {
      const error = result.byName(name).error;
      expect(error).toMatchObject({ name: 'TargetUnreachableError', target: 'candidate' });
      expect(error?.message).toMatch(/^candidate: connection closed mid-body after \d+ bytes/);
      expect(error?.message).toContain(`(${method} `);
      expect(error?.message).toMatch(candidateUrl(resource));
      expect(junitOutcome(result.junit, name)).toMatchObject({ element: 'error', type: 'TargetUnreachableError' });
    }
    expect(result.candidate(menu).retries).toEqual([expect.objectContaining({ attempt: 1, reason: 'connection', waitedMs: 50 })]);
    expect(result.byName(menu).error?.message).toContain('gave up after 1 retry');
    expect(result.candidate(order).retries).toEqual([]);
    expect(result.candidate(menu).response?.body.truncated).toBe(true);
    expectLegacyAnswered(result);
  });

  it('ends both cases as a timeout error waiting for the headers when the candidate never answers (stall), retrying the GET once and never the POST', async () => {
    const result = await runWithFault('stall', cleanups);
    expect(statusesOf(result.run)).toEqual({ [menu]: 'error', [order]: 'error' });
    for (const [name, resource] of [[menu, '/menu'], [order, '/order']] as const) {
      const error = result.byName(name).error;
      expect(error).toMatchObject({ name: 'TimeoutError', target: 'candidate' });
      expect(error?.message).toMatch(candidateUrl(resource));
      expect(error?.message).toContain('timed out after 1500 ms (waiting for the response headers)');
      expect(result.candidate(name).response).toBeUndefined();
      expect(junitOutcome(result.junit, name)).toMatchObject({ element: 'error', type: 'TimeoutError' });
    }
    expect(result.candidate(menu).retries).toEqual([expect.objectContaining({ attempt: 1, reason: 'timeout', waitedMs: 50 })]);
    expect(result.candidate(order).retries).toEqual([]);
    expectLegacyAnswered(result);
  });

  it('ends both cases as a timeout error while reading the body when the candidate drips one byte at a time (slow-drip), keeping what arrived', async () => {
    const result = await runWithFault('slow-drip', cleanups);
    expect(statusesOf(result.run)).toEqual({ [menu]: 'error', [order]: 'error' });
    for (const name of [menu, order]) {
      expect(result.byName(name).error).toMatchObject({ name: 'TimeoutError', target: 'candidate' });
      expect(result.byName(name).error?.message).toContain('timed out after 1500 ms (while reading the response body)');
      expect(result.candidate(name).response).toMatchObject({ status: 200, body: { truncated: true } });
    }
    expect(result.candidate(menu).retries).toEqual([expect.objectContaining({ reason: 'timeout' })]);
    expect(result.candidate(order).retries).toEqual([]);
    expectLegacyAnswered(result);
  });

  it('ends both cases as the same error when the candidate declares a longer Content-Length than it sends (wrong-content-length)', async () => {
    const result = await runWithFault('wrong-content-length', cleanups);
    expect(statusesOf(result.run)).toEqual({ [menu]: 'error', [order]: 'error' });
    for (const name of [menu, order]) {
      expect(result.byName(name).error).toMatchObject({ name: 'TargetUnreachableError', target: 'candidate' });
      expect(result.byName(name).error?.message).toMatch(/connection closed mid-body after \d+ bytes .*content-length/i);
    }
    expect(result.candidate(menu).retries).toEqual([expect.objectContaining({ reason: 'connection' })]);
    expect(result.candidate(order).retries).toEqual([]);
    expectLegacyAnswered(result);
  });

  it('fails both cases as a parity difference, not an error, when the candidate answers invalid JSON, keeping the text and the parse error', async () => {
    const result = await runWithFault('invalid-json', cleanups);
    expect(statusesOf(result.run)).toEqual({ [menu]: 'failed', [order]: 'failed' });
    for (const name of [menu, order]) {
      expect(result.byName(name).error).toBeUndefined();
      const body = result.candidate(name).response?.body;
      expect(body).toMatchObject({ kind: 'text', text: expect.stringContaining('"price": }') });
      expect(body?.parseError).toMatch(/JSON/);
      const regressions = result.byName(name).steps[0]!.differences.filter((d) => d.disposition === 'regression');
      expect(regressions).toEqual(expect.arrayContaining([expect.objectContaining({ area: 'body', path: '$' })]));
      expect(junitOutcome(result.junit, name)).toMatchObject({ element: 'failure', type: 'regression' });
    }
    expect(result.candidate(menu).retries).toEqual([]);
  });

  it('fails the menu case on a 10 MiB candidate body it compares whole, records only its head with its size and sha256, and writes reports case by case that keep bodies recorded whole, whole', async () => {
    const result = await runWithFault('huge-body', cleanups, roomForBigBodies);
    expect(statusesOf(result.run)).toEqual({ [menu]: 'failed', [order]: 'failed' });
    const huge = createHugeBody();
    const body = result.candidate(menu).response?.body;
    // Cut for the record after the comparison: the head, the size and the hash of all of it.
    expect(body).toMatchObject({ kind: 'text', contentType: 'application/json', bytes: huge.length, truncated: true, sha256: createHash('sha256').update(huge).digest('hex') });
    expect(body?.text?.length).toBeLessThanOrEqual(runDefaults.maxRecordedBodyBytes + 1024);
    expect(body?.text?.slice(0, 1000)).toBe(huge.subarray(0, 1000).toString('utf8'));
    expect(junitOutcome(result.junit, menu)).toMatchObject({ element: 'failure' });
    // Every report carries the heads, not the 20 MiB of bodies the two cases received.
    expect(statSync(path.join(result.root, 'reports', reportFileNames.results)).size).toBeLessThan(8 * 1024 * 1024);

    // A run recorded with a raised cap holds whole bodies. Reports are written case by case (the
    // whole run used to be one string: past ~512 M characters JSON.stringify died with "Invalid
    // string length" and nothing was written; later a budget pass cut the largest bodies to a head),
    // so whatever the run's size, every body recorded whole must come back whole, byte for byte.
    const whole: RecordedBody = { kind: 'json', contentType: 'application/json', bytes: huge.length, json: JSON.parse(huge.toString('utf8')) as unknown };
    const withWholeBody = (c: CaseResult, i: number): CaseResult => ({
      ...c,
      id: `${c.id} #${i}`,
      name: `${c.name} #${i}`,
      steps: c.steps.map((step) => (step.candidate.response ? { ...step, candidate: { ...step.candidate, response: { ...step.candidate.response, body: whole } } } : step)),
    });
    const many: RunResult = { ...result.run, cases: Array.from({ length: 2 }, (_, i) => result.run.cases.map((c) => withWholeBody(c, i))).flat() };
    const dir = path.join(result.root, 'reports-many');
    await writeReports(many, dir);
    const written = expectValidReports(dir);
    expect(statusesOf(written.results)).toEqual(statusesOf(many));
    expect(written.results.summary).toEqual(many.summary);
    const bodyText = (c: CaseResult) => JSON.stringify(c.steps[0]!.candidate.response?.body?.json ?? null);
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    const kept = (cases: CaseResult[]) =>
      Object.fromEntries(
        cases.map((c) => {
          const { kind, bytes, truncated } = c.steps[0]!.candidate.response!.body!;
          return [c.name, { kind, bytes, truncated, sha256: sha256(bodyText(c)) }];
        }),
      );
    expect(kept(written.results.cases)).toEqual(kept(many.cases));
    expect(written.results.cases.map((c) => c.steps[0]!.candidate.response!.body!.bytes).filter((bytes) => bytes < 10 * 1024 * 1024)).toEqual([]);
    // Jest's limit, not a speed claim.
  }, 150_000);

  it(`fails both cases on a gzip bomb with the body inflated only up to the ${defaultSendLimits.maxInflatedBodyBytes / 1024 / 1024} MiB cap and marked truncated`, async () => {
    const result = await runWithFault('gzip-bomb', cleanups, roomForBigBodies);
    expect(statusesOf(result.run)).toEqual({ [menu]: 'failed', [order]: 'failed' });
    for (const name of [menu, order]) {
      expect(result.candidate(name).response?.body).toMatchObject({ bytes: defaultSendLimits.maxInflatedBodyBytes, truncated: true });
      expect(result.candidate(name).response?.headers['content-encoding']).toBe('gzip');
      expect(result.candidate(name).retries).toEqual([]);
    }
  }, 150_000);

  it('fails both cases on a 500 storm as a regression on the 500 itself, not retried for GET or POST (only 502/503/504 are transient)', async () => {
    const result = await runWithFault('storm-500', cleanups);
    expect(statusesOf(result.run)).toEqual({ [menu]: 'failed', [order]: 'failed' });
    for (const name of [menu, order]) {
      expect(result.byName(name).error).toBeUndefined();
      expect(result.candidate(name).response?.status).toBe(500);
      expect(result.candidate(name).retries).toEqual([]);
      const regressions = result.byName(name).steps[0]!.differences.filter((d) => d.disposition === 'regression');
      expect(regressions).toEqual(expect.arrayContaining([expect.objectContaining({ area: 'status', candidate: 500 })]));
      expect(junitOutcome(result.junit, name)).toMatchObject({ element: 'failure', type: 'regression' });
    }
  });

  it('waits out a 429 storm until the Retry-After date for GET and POST alike, then ends each case as a throttling error', async () => {
    const result = await runWithFault('storm-429', cleanups);
    expect(statusesOf(result.run)).toEqual({ [menu]: 'error', [order]: 'error' });
    for (const name of [menu, order]) {
      expect(result.byName(name).error).toMatchObject({ name: 'ThrottledError', target: 'candidate' });
      expect(result.byName(name).error?.message).toMatch(/throttled \(429\): still throttled after 1 retry/);
      const exchange = result.candidate(name);
      expect(exchange.retries).toEqual([expect.objectContaining({ attempt: 1, reason: 'throttled', status: 429 })]);
      const retry = exchange.retries[0]!;
      const retryAt = /Retry-After: (.+ GMT)/.exec(retry.detail)?.[1];
      expect(retryAt).toBeDefined();
      // The sandbox asks for 1–2 s; the second attempt (the one recorded) starts no sooner.
      expect(retry.waitedMs).toBeGreaterThan(0);
      expect(retry.waitedMs).toBeLessThanOrEqual(2_000);
      expect(Date.parse(exchange.startedAt)).toBeGreaterThanOrEqual(Date.parse(retryAt!) - 20);
      expect(exchange.response?.status).toBe(429);
      expect(junitOutcome(result.junit, name)).toMatchObject({ element: 'error', type: 'ThrottledError' });
    }
  });
});
