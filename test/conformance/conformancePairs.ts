import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProfileName } from '../../src/config/types';
import type { AliasPair, CompareInput } from '../../src/compare/types';
import type { CollectiveDifference, Exchange, TargetName } from '../../src/model/result';
import { makeBody, makeStep, type StepSpec } from '../compare/support/exchangePairs';

/**
 * The conformance corpus: exchange pairs written by hand from the gateway facts and the public
 * docs (docs/gateway-differences.md), for an invoices API that is not the sandbox's PizzaShack —
 * nothing here comes from src/sandbox, so the sandbox and the profiles cannot simply confirm each
 * other. Each file is one labelled pair:
 * - `benign`: no regression and no both-fail may be reported (every accepted one names its rule);
 * - `regression`: each path in `flag` must be reported as a regression (with `collective`, as one
 *   collective difference of that kind);
 * - `both-fail`: each check in `flag` fails on both sides, reported as `both-fail`, not regression.
 * `covers` names the rules of docs/gateway-differences.md the pair exercises.
 */
export interface ConformancePair {
  file: string;
  label: 'benign' | 'regression' | 'both-fail';
  reason: string;
  flag?: string[];
  covers: string[];
  collective?: CollectiveDifference['kind'];
  profiles?: Record<TargetName, ProfileName>;
  step?: StepSpec;
  aliases?: AliasPair[];
  legacy: PairExchange;
  legacyRepeat?: PairExchange;
  candidate: PairExchange;
}

interface PairExchange {
  request: { method: string; path: string; headers?: Record<string, string> };
  response: { status: number; headers: Record<string, string>; body?: { json?: unknown; xml?: string; text?: string } };
}

const corpusBaseUrls: Record<TargetName, string> = {
  legacy: 'https://gateway.api.cloud.wso2.com/t/acmeorders/invoices/2.1.0',
  candidate: 'https://7f3e2a10-5c4d-4b1e-9a8f-3e2d1c0b9a87-prod.e1-eu-north-azure.choreoapis.dev/acme/invoice-svc/invoices-api/2.1.0',
};

const dir = path.resolve(__dirname, 'pairs');

export function loadConformancePairs(): ConformancePair[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ ...(JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Omit<ConformancePair, 'file'>), file: name }));
}

export function conformanceInput(pair: ConformancePair): CompareInput {
  const input: CompareInput = {
    step: makeStep(pair.step ?? {}, pair.file),
    legacy: exchange('legacy', pair.legacy),
    candidate: exchange('candidate', pair.candidate),
    profiles: pair.profiles ?? { legacy: 'apicloud', candidate: 'choreo' },
    baseUrls: corpusBaseUrls,
    aliases: pair.aliases ?? [],
  };
  if (pair.legacyRepeat) input.legacyRepeat = exchange('legacy', pair.legacyRepeat);
  return input;
}

function exchange(target: TargetName, spec: PairExchange): Exchange {
  const headers = Object.fromEntries(Object.entries(spec.response.headers).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    target,
    request: { method: spec.request.method, url: `${corpusBaseUrls[target]}${spec.request.path}`, headers: spec.request.headers ?? {} },
    response: { status: spec.response.status, headers, body: makeBody(spec.response.body, headers['content-type']) },
    startedAt: '2025-03-03T09:00:00.000Z',
    durationMs: 1,
    retries: [],
    source: 'live',
  };
}
