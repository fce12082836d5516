import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProfileName } from '../../../src/config/types';
import type { AliasPair, CompareInput } from '../../../src/compare/types';
import type { Difference, Exchange, RecordedBody, TargetName } from '../../../src/model/result';
import type { Expectation, HeaderRule, Matcher, ArrayPolicy, Step } from '../../../src/suite/types';

/**
 * The recorded exchange pairs in test/fixtures/exchange-pairs: data, not code. A fixture names
 * request paths (the URL is the side's base + path), bodies by kind ({json}, {xml}, {text},
 * {binary: {sha256, bytes}}), and the expected differences. Adding a regression is adding a file.
 */
const fixtureDir = path.resolve(__dirname, '../../fixtures/exchange-pairs');

export const defaultBaseUrls: Record<TargetName, string> = {
  legacy: 'https://gateway.api.cloud.wso2.com/t/companyn3/pizzashack/1.0.0',
  candidate: 'https://2d9ec1f6-4ad1-4c9e-9f7b-0c0b1a2e3d4f-dev.e1-us-east-azure.choreoapis.dev/rbln/pizzashack/api-e04/1.0.0',
};

export interface BodySpec {
  json?: unknown;
  xml?: string;
  text?: string;
  binary?: { sha256: string; bytes: number };
}

export interface ExchangeSpec {
  request: { method: string; path: string };
  response?: { status: number; headers?: Record<string, string>; body?: BodySpec };
  error?: { name: string; message: string };
}

export interface StepSpec {
  name?: string;
  expect?: Partial<Expectation>;
  noiseBaseline?: boolean;
  rules?: {
    ignore?: string[];
    match?: Array<{ path: string; matcher: Matcher }>;
    arrays?: Array<{ path: string; policy: ArrayPolicy }>;
    headers?: Array<{ name: string; rule: HeaderRule }>;
    accept?: Array<{ path: string; reason: string; legacy?: unknown; candidate?: unknown }>;
  };
}

export interface ExpectedDifference {
  path: string;
  disposition: Difference['disposition'];
  rule?: string;
  area?: Difference['area'];
}

export interface ExchangePairFixture {
  file: string;
  description: string;
  profiles?: Record<TargetName, ProfileName>;
  step?: StepSpec;
  baseUrls?: Record<TargetName, string>;
  aliases?: AliasPair[];
  legacy: ExchangeSpec;
  legacyRepeat?: ExchangeSpec;
  candidate: ExchangeSpec;
  expected: ExpectedDifference[];
}

export function loadExchangePairs(): ExchangePairFixture[] {
  return readdirSync(fixtureDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ ...(JSON.parse(readFileSync(path.join(fixtureDir, name), 'utf8')) as Omit<ExchangePairFixture, 'file'>), file: name }));
}

export function toCompareInput(fixture: Omit<ExchangePairFixture, 'file' | 'description' | 'expected'> & { file?: string }): CompareInput {
  const baseUrls = fixture.baseUrls ?? defaultBaseUrls;
  const input: CompareInput = {
    step: makeStep(fixture.step ?? {}, fixture.file ?? 'inline'),
    legacy: makeExchange('legacy', fixture.legacy, baseUrls.legacy),
    candidate: makeExchange('candidate', fixture.candidate, baseUrls.candidate),
    profiles: fixture.profiles ?? { legacy: 'apicloud', candidate: 'choreo' },
    baseUrls,
    aliases: fixture.aliases ?? [],
  };
  if (fixture.legacyRepeat) input.legacyRepeat = makeExchange('legacy', fixture.legacyRepeat, baseUrls.legacy);
  return input;
}

export function makeStep(spec: StepSpec, file = 'inline'): Step {
  const origin = { scope: 'step' as const, file };
  const rules = spec.rules ?? {};
  return {
    name: spec.name ?? 'step',
    api: 'pizzashack',
    auth: { kind: 'target' },
    request: { method: 'GET', path: '/', query: {}, headers: {} },
    expect: { status: [], headers: {}, json: {}, ...spec.expect },
    capture: {},
    rules: {
      ignore: (rules.ignore ?? []).map((p) => ({ path: p, origin })),
      match: (rules.match ?? []).map((rule) => ({ ...rule, origin })),
      arrays: (rules.arrays ?? []).map((rule) => ({ ...rule, origin })),
      headers: (rules.headers ?? []).map((rule) => ({ ...rule, origin })),
      accept: (rules.accept ?? []).map((rule) => ({ ...rule, origin })),
    },
    noiseBaseline: spec.noiseBaseline ?? false,
    mutating: false,
  };
}

export function makeExchange(target: TargetName, spec: ExchangeSpec, baseUrl: string): Exchange {
  const exchange: Exchange = {
    target,
    request: { method: spec.request.method, url: `${baseUrl}${spec.request.path}`, headers: {} },
    startedAt: '2024-05-01T10:00:00.000Z',
    durationMs: 1,
    retries: [],
    source: 'live',
  };
  if (spec.response) {
    const headers = Object.fromEntries(Object.entries(spec.response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
    exchange.response = { status: spec.response.status, headers, body: makeBody(spec.response.body, headers['content-type']) };
  }
  if (spec.error) exchange.error = spec.error;
  return exchange;
}

export function makeBody(spec: BodySpec | undefined, contentType: string | undefined): RecordedBody {
  const typed = (body: RecordedBody): RecordedBody => (contentType ? { ...body, contentType } : body);
  if (!spec) return { kind: 'empty', bytes: 0 };
  // As the recorder keeps a JSON body: the parsed value only (no raw text beside it).
  if (spec.json !== undefined) return typed({ kind: 'json', json: spec.json, bytes: Buffer.byteLength(JSON.stringify(spec.json)) });
  if (spec.xml !== undefined) return typed({ kind: 'xml', text: spec.xml, bytes: Buffer.byteLength(spec.xml) });
  if (spec.text !== undefined) return typed({ kind: 'text', text: spec.text, bytes: Buffer.byteLength(spec.text) });
  if (spec.binary) return typed({ kind: 'binary', sha256: spec.binary.sha256, bytes: spec.binary.bytes });
  return { kind: 'empty', bytes: 0 };
}

/** One line per difference, for readable expectation failures. */
export function describeDifference(difference: Pick<Difference, 'area' | 'path' | 'disposition' | 'rule'>): string {
  return `${difference.area ?? '*'} ${difference.path} → ${difference.disposition}${difference.rule ? ` (${difference.rule})` : ''}`;
}
