import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBaselineSource } from '../../src/baseline/createBaselineSource';
import { createRecordingSource } from '../../src/baseline/createRecordingSource';
import { renderRecordedCall, toRecordedCall } from '../../src/baseline/recordedCall';
import type { CallKey, ExchangeSource } from '../../src/engine/exchangeSource';
import { BaselineError } from '../../src/errors';
import type { OutgoingRequest, SendSettings } from '../../src/execute/types';
import type { Exchange } from '../../src/model/result';

const settings = {} as SendSettings;
const request = (method = 'GET', target: 'legacy' | 'candidate' = 'legacy'): OutgoingRequest => ({ target, method, url: 'http://gw.test/t/acme/pizzashack/1.0.0/menu', headers: {}, idempotent: true });
const key = (caseId: string, stepIndex = 0, call = 0): CallKey => ({ caseId, stepIndex, call });

function answer(status: number, json: unknown, headers: Record<string, string> = { 'content-type': 'application/json', 'x-b': '2', 'a-first': '1' }): Exchange {
  return {
    target: 'legacy',
    request: { method: 'GET', url: 'http://gw.test/t/acme/pizzashack/1.0.0/menu', headers: { authorization: 'Bearer «redacted:legacy.access_token»' } },
    response: { status, headers, body: { kind: 'json', contentType: 'application/json', bytes: 2, json, text: JSON.stringify(json) } },
    startedAt: '2023-11-02T09:15:00.000Z',
    durationMs: 12,
    retries: [],
    source: 'live',
  };
}

/** A live source that answers from a queue, so recording needs no network. */
function scripted(...answers: Exchange[]): ExchangeSource {
  return { kind: 'live', exchange: async () => answers.shift() ?? answer(500, null) };
}

describe('recorded call files', () => {
  it('are byte-identical for the same answer whatever order its headers and fields arrived in', () => {
    const one = answer(200, { a: 1 }, { 'content-type': 'application/json', 'x-b': '2', 'a-first': '1' });
    const other: Exchange = { source: 'live', retries: [], durationMs: 12, startedAt: one.startedAt, response: { ...one.response!, headers: { 'a-first': '1', 'x-b': '2', 'content-type': 'application/json' } }, request: one.request, target: 'legacy' };
    const first = renderRecordedCall(toRecordedCall(key('s.yaml#c'), one));
    expect(renderRecordedCall(toRecordedCall(key('s.yaml#c'), other))).toBe(first);
    expect(first.indexOf('"a-first"')).toBeLessThan(first.indexOf('"content-type"'));
  });
});

describe('recording and replaying without a network', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'parity-sources-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const record = async (inner: ExchangeSource, calls: CallKey[]) => {
    const recorder = createRecordingSource(inner, dir, { env: 'test', target: 'legacy', profile: 'apicloud', apis: { pizzashack: 'http://gw.test/t/acme/pizzashack/1.0.0' }, root: dir });
    for (const call of calls) await recorder.exchange(call, request(), settings).catch((error: unknown) => error);
    await recorder.finish!();
    return recorder;
  };

  it('replays what was recorded, marked with its file, and knows the base URL it was recorded at', async () => {
    await record(scripted(answer(200, [{ name: 'Margherita' }])), [key('suites/menu.yaml#list')]);
    const source = createBaselineSource(dir, 'legacy', { root: dir });
    const replayed = await source.exchange(key('suites/menu.yaml#list'), request(), settings);
    expect(replayed.response?.body.json).toEqual([{ name: 'Margherita' }]);
    expect(replayed.source).toEqual({ baseline: 'menu/list/step-0-call-0.json' });
    expect(source.kind).toBe('baseline');
    expect(source.baseUrl?.('PizzaShack')).toBe('http://gw.test/t/acme/pizzashack/1.0.0');
  });

  it('does not write a call that failed live, and says so in its summary', async () => {
    const failed: Exchange = { ...answer(200, null), error: { name: 'TargetUnreachableError', message: 'connection refused' } };
    delete failed.response;
    const recorder = await record(scripted(failed), [key('suites/menu.yaml#list')]);
    expect(recorder.summary()).toMatchObject({ recordedCases: [], filesWritten: 0, notRecorded: [{ caseId: 'suites/menu.yaml#list', stepIndex: 0, call: 0 }] });
  });

  it('refuses two cases whose names would share a folder', async () => {
    const recorder = createRecordingSource(scripted(answer(200, 1), answer(200, 2)), dir, { env: 'test', target: 'legacy', profile: 'apicloud', apis: {}, root: dir });
    await recorder.exchange(key('suites/menu.yaml#List the menu'), request(), settings);
    await expect(recorder.exchange(key('suites/menu.yaml#list-the-menu'), request(), settings)).rejects.toThrow(
      'cases "suites/menu.yaml#List the menu" and "suites/menu.yaml#list-the-menu" would both be recorded in menu/list-the-menu',
    );
  });

  it('keeps an earlier checksum when another case is re-recorded, so a file edited in between is still caught', async () => {
    await record(scripted(answer(200, 'a'), answer(200, 'b')), [key('suites/a.yaml#one'), key('suites/a.yaml#two')]);
    const edited = path.join(dir, 'a/one/step-0-call-0.json');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('"a"', '"forged"'));
    await record(scripted(answer(200, 'b2')), [key('suites/a.yaml#two')]);
    expect(() => createBaselineSource(dir, 'legacy', { root: dir })).toThrow(
      'a/one/step-0-call-0.json: checksum mismatch: the file changed since it was recorded; re-record with `parity record` or restore it',
    );
  });

  it('refuses a recording whose method is not what the suite sends any more', async () => {
    await record(scripted(answer(200, 'a')), [key('suites/a.yaml#one')]);
    const source = createBaselineSource(dir, 'legacy', { root: dir });
    await expect(source.exchange(key('suites/a.yaml#one'), request('POST'), settings)).rejects.toThrow(
      'stale recording for case "suites/a.yaml#one" step 0 call 0: a/one/step-0-call-0.json recorded GET, the suite now sends POST',
    );
  });

  it('does not replay a file the manifest does not list', async () => {
    await record(scripted(answer(200, 'a')), [key('suites/a.yaml#one')]);
    writeFileSync(path.join(dir, 'a/one/step-0-call-1.json'), readFileSync(path.join(dir, 'a/one/step-0-call-0.json')));
    const source = createBaselineSource(dir, 'legacy', { root: dir });
    await expect(source.exchange(key('suites/a.yaml#one', 0, 1), request(), settings)).rejects.toThrow('a/one/step-0-call-1.json is not listed in the manifest');
  });

  it('says how to record one when the folder holds no manifest', () => {
    let caught: unknown;
    try {
      createBaselineSource(path.join(dir, 'nothing-here'), 'legacy', { root: dir });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BaselineError);
    expect((caught as BaselineError).message).toBe('no baseline in nothing-here: nothing-here/manifest.json does not exist');
    expect((caught as BaselineError).hint).toContain('parity record');
  });

  it('refuses a manifest written in another format', async () => {
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ format: 'parity-baseline/9', cases: [], files: {}, apis: {} }));
    expect(() => createBaselineSource(dir, 'legacy', { root: dir })).toThrow('format is "parity-baseline/9", this harness reads "parity-baseline/1"');
  });

  it('answers the candidate mirror with a copy of the recorded first call, marked as never called', async () => {
    const recorder = createRecordingSource(scripted(answer(201, { orderId: 'o-1' })), dir, { env: 'test', target: 'legacy', profile: 'apicloud', apis: { pizzashack: 'http://gw.test/base' }, root: dir });
    const mirror = recorder.mirror();
    expect(mirror.after).toBe('legacy');
    expect(mirror.kind).toBe('mirror');
    expect(mirror.baseUrl?.('pizzashack')).toBe('http://gw.test/base');
    await recorder.exchange(key('suites/o.yaml#create'), request('POST'), settings);
    const copy = await mirror.exchange(key('suites/o.yaml#create'), request('POST', 'candidate'), settings);
    expect(copy).toMatchObject({ target: 'candidate', response: { status: 201, body: { json: { orderId: 'o-1' } } } });
    expect(copy.source).toEqual({ baseline: '(not called: a copy of the legacy answer, made while recording)' });
    const nothing = await mirror.exchange(key('suites/o.yaml#never'), request('GET', 'candidate'), settings);
    expect(nothing.error?.message).toBe('the legacy side produced no answer to copy');
  });
});
