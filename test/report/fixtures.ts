/**
 * A realistic RunResult, built from small data builders: one suite with a pass, a regression with
 * several differences, accepted differences under several rules, noise, a harness error, a
 * skipped case, an interrupted case and a drift case whose candidate answers with `<script>`;
 * a suite that failed to load; a second API; token parity; throttling advice; warnings.
 */
import type {
  CaseResult,
  Difference,
  Exchange,
  RecordedBody,
  RecordedRequest,
  RecordedResponse,
  RunResult,
  StepResult,
  SuiteInfo,
  TargetName,
  TokenParityResult,
} from '../../src/model/result';
import { RESULT_SCHEMA_VERSION } from '../../src/model/result';
import { summarize } from '../../src/report/summarize';

const legacyBase = 'https://gateway.api.cloud.wso2.com/t/acme/pizzashack/1.0.0';
const candidateBase = 'https://2d9ec1f6-dev.e1-us-east-azure.choreoapis.dev/acme/pizzashack/v1/1.0.0';
const bases: Record<TargetName, string> = { legacy: legacyBase, candidate: candidateBase };

export const xssTitle = "<script>document.title='pwned'</script>";

/** A JSON body as the recorder keeps it: the parsed value only (no raw text beside it). */
export function jsonBody(value: unknown): RecordedBody {
  return { kind: 'json', contentType: 'application/json', bytes: Buffer.byteLength(JSON.stringify(value)), json: value };
}

export function textBody(text: string, contentType = 'text/plain'): RecordedBody {
  return { kind: 'text', contentType, bytes: Buffer.byteLength(text), text };
}

export interface ExchangeSpec {
  method?: string;
  path?: string;
  requestHeaders?: Record<string, string>;
  requestBody?: RecordedBody;
  status?: number;
  headers?: Record<string, string>;
  body?: RecordedBody;
  durationMs?: number;
  noResponse?: Exchange['error'];
  retries?: Exchange['retries'];
  source?: Exchange['source'];
}

let clock = Date.parse('2025-11-24T10:00:00.000Z');
const tick = (ms: number): string => {
  clock += ms;
  return new Date(clock).toISOString();
};

export function exchange(target: TargetName, spec: ExchangeSpec = {}): Exchange {
  const request: RecordedRequest = {
    method: spec.method ?? 'GET',
    url: `${bases[target]}${spec.path ?? '/menu'}`,
    headers: { accept: 'application/json', authorization: 'Bearer «redacted:token»', ...spec.requestHeaders },
    ...(spec.requestBody ? { body: spec.requestBody } : {}),
  };
  const response: RecordedResponse | undefined = spec.noResponse
    ? undefined
    : {
        status: spec.status ?? 200,
        headers: { 'content-type': 'application/json', ...spec.headers },
        body: spec.body ?? jsonBody([{ name: 'Margherita', price: 9.5 }]),
      };
  return {
    target,
    request,
    ...(response ? { response } : {}),
    startedAt: tick(5),
    durationMs: spec.durationMs ?? 100,
    retries: spec.retries ?? [],
    source: spec.source ?? 'live',
    ...(spec.noResponse ? { error: spec.noResponse } : {}),
  };
}

export function diff(partial: Partial<Difference> & Pick<Difference, 'path' | 'disposition'>): Difference {
  return { area: 'body', kind: 'changed', ...partial };
}

export function step(name: string, legacy: Exchange, candidate: Exchange, differences: Difference[] = [], extra: Partial<StepResult> = {}): StepResult {
  return { name, index: 0, legacy, candidate, expectations: [], differences, notes: [], ...extra };
}

export function caseResult(suite: SuiteInfo, api: string, name: string, partial: Partial<CaseResult> = {}): CaseResult {
  const steps = partial.steps ?? [];
  return {
    id: `${suite.file}#${name}`,
    suite: suite.name,
    suiteFile: suite.file,
    api,
    name,
    tags: [],
    status: 'passed',
    steps: steps.map((s, index) => ({ ...s, index })),
    latency: { legacyMs: 100, candidateMs: 120 },
    startedAt: tick(10),
    durationMs: 250,
    ...partial,
    ...(partial.steps ? { steps: partial.steps.map((s, index) => ({ ...s, index })) } : {}),
  };
}

export const menuSuite: SuiteInfo = { name: 'PizzaShack menu & orders', file: 'suites/pizzashack.yaml', sha256: 'a'.repeat(64) };
export const brokenSuite: SuiteInfo = {
  name: 'orders-admin',
  file: 'suites/orders-admin.yaml',
  sha256: 'b'.repeat(64),
  error: {
    name: 'SuiteError',
    message: 'unknown key "methd". Did you mean "method"?',
    hint: 'Fix the key and run again.',
    file: 'suites/orders-admin.yaml',
    line: 14,
    path: 'cases[3].request',
  },
};
export const inventorySuite: SuiteInfo = { name: 'Inventory', file: 'suites/inventory.yaml', sha256: 'c'.repeat(64) };

export function menuCases(): CaseResult[] {
  const listMenu = caseResult(menuSuite, 'pizzashack', 'lists the menu', {
    line: 8,
    tags: ['smoke', 'read'],
    latency: { legacyMs: 80, candidateMs: 95 },
    steps: [
      step(
        'GET /menu',
        exchange('legacy', { body: jsonBody({ items: [{ name: 'Margherita', price: 9.5 }], links: { self: `${legacyBase}/menu` }, servedAt: '10:00:01' }) }),
        exchange('candidate', {
          headers: { 'x-correlation-id': '6f1c' },
          body: jsonBody({ items: [{ name: 'Margherita', price: 9.5 }], links: { self: `${candidateBase}/menu` }, servedAt: '10:00:02' }),
        }),
        [
          diff({ area: 'header', path: 'header:x-correlation-id', kind: 'extra', candidate: '6f1c', disposition: 'accepted', rule: 'choreo-correlation-header', reason: 'Choreo adds x-correlation-id to every response.' }),
          diff({ path: '$.links.self', legacy: `${legacyBase}/menu`, candidate: `${candidateBase}/menu`, disposition: 'accepted', rule: 'base-url-rewrite', reason: 'Each gateway writes its own base URL.' }),
          diff({ path: '$.servedAt', legacy: '10:00:01', candidate: '10:00:02', disposition: 'noise', reason: 'The legacy side disagreed with itself on this path.', noise: { variation: 'value', path: '$.servedAt', first: '10:00:01', repeat: '10:00:03' } }),
        ],
        { legacyRepeat: exchange('legacy', { body: jsonBody({ items: [], servedAt: '10:00:03' }) }), notes: [{ target: 'candidate', rule: 'base-url-rewrite', path: '$.links.self', detail: 'rewrote the candidate base URL to {{base}}' }] },
      ),
    ],
  });

  const order = { items: [{ name: 'Margherita', qty: 2 }], customer: 'Ada' };
  const placeOrder = caseResult(menuSuite, 'pizzashack', 'places an order', {
    line: 21,
    tags: ['write'],
    status: 'failed',
    latency: { legacyMs: 140, candidateMs: 310 },
    durationMs: 612,
    notRun: [{ name: 'GET /order/{id}', index: 1, reason: 'step "POST /order" failed (4 regressions)' }],
    steps: [
      step(
        'POST /order',
        exchange('legacy', { method: 'POST', path: '/order', requestHeaders: { 'content-type': 'application/json' }, requestBody: jsonBody(order), status: 201, body: jsonBody({ orderId: 'L-1', price: 19, items: [{ name: 'Margherita' }, { name: 'Cola' }] }) }),
        exchange('candidate', {
          method: 'POST',
          path: '/order',
          requestHeaders: { 'content-type': 'application/json', 'x-api-key': '«redacted:x-api-key»' },
          requestBody: jsonBody(order),
          status: 200,
          headers: { 'content-type': 'text/json' },
          body: jsonBody({ orderId: 'C-9', price: 19.5, items: [{ name: 'Margherita' }] }),
          retries: [{ attempt: 1, reason: 'throttled', status: 429, waitedMs: 1000, detail: 'Retry-After: 1' }],
        }),
        [
          diff({ area: 'status', path: 'status', legacy: 201, candidate: 200, disposition: 'regression' }),
          diff({ path: '$.price', legacy: 19, candidate: 19.5, disposition: 'regression' }),
          diff({ path: '$.items[1]', kind: 'missing', legacy: { name: 'Cola' }, disposition: 'regression', collective: { kind: 'reordered', count: 1, paths: ['$.items[1]'], hint: 'arrays: { $.items: { by-key: name } }' } }),
          diff({ area: 'header', path: 'header:content-type', legacy: 'application/json', candidate: 'text/json', disposition: 'regression' }),
          diff({ path: '$.orderId', legacy: 'L-1', candidate: 'C-9', disposition: 'accepted', rule: 'alias:orderId', reason: 'Ids created on each side are remembered as a pair.' }),
        ],
        { expectations: [{ target: 'candidate', check: 'status', ok: false, expected: [201], actual: 200 }, { target: 'legacy', check: 'status', ok: true, expected: [201], actual: 201 }] },
      ),
    ],
  });

  const missingToken = caseResult(menuSuite, 'pizzashack', 'rejects a missing token', {
    tags: ['auth'],
    latency: { legacyMs: 30, candidateMs: 25 },
    steps: [
      step(
        'GET /menu without a token',
        exchange('legacy', { requestHeaders: {}, status: 401, body: jsonBody({ fault: { code: 900902, message: 'Missing Credentials' } }) }),
        exchange('candidate', { status: 401, body: jsonBody({ code: '900901', message: 'Invalid Credentials' }) }),
        [
          diff({ area: 'fault', path: '$.fault.code', legacy: 900902, candidate: '900901', disposition: 'accepted', rule: 'fault-code-mapping', reason: 'Choreo reports a missing token as 900901 Invalid Credentials.' }),
          diff({ area: 'fault', path: '$.fault.message', legacy: 'Missing Credentials', candidate: 'Invalid Credentials', disposition: 'accepted', rule: 'fault-code-mapping', reason: 'Choreo reports a missing token as 900901 Invalid Credentials.' }),
        ],
      ),
    ],
  });

  const skipped = caseResult(menuSuite, 'pizzashack', 'deletes an order', { status: 'skipped', steps: [], latency: { legacyMs: null, candidateMs: null }, durationMs: 0, tags: ['write'] });

  const unreachable = caseResult(menuSuite, 'pizzashack', 'reads an order by id', {
    line: 47,
    status: 'error',
    latency: { legacyMs: 90, candidateMs: null },
    error: { name: 'TargetUnreachableError', message: 'candidate: connect ECONNREFUSED 10.0.0.7:443', hint: 'Check CANDIDATE_BASE_URL and that the gateway is reachable from this machine.', target: 'candidate' },
    steps: [
      step(
        'GET /order/{{orderId}}',
        exchange('legacy', { path: '/order/L-1' }),
        exchange('candidate', { path: '/order/C-9', noResponse: { name: 'TargetUnreachableError', message: 'connect ECONNREFUSED 10.0.0.7:443', target: 'candidate' } }),
      ),
    ],
  });

  const evilText = `${xssTitle}</textarea></script><a href="javascript:alert(1)">x</a>\u0001\u2028end`;
  const drift = caseResult(menuSuite, 'pizzashack', 'menu drift <b>&</b>', {
    tags: ['drift'],
    status: 'failed',
    latency: { legacyMs: 85, candidateMs: 90 },
    steps: [
      step(
        'GET /menu (drifted)',
        exchange('legacy', { body: jsonBody({ banner: 'Welcome', items: [] }) }),
        exchange('candidate', { headers: { 'content-type': 'text/html' }, body: textBody(evilText, 'text/html') }),
        [
          diff({ area: 'header', path: 'header:content-type', legacy: 'application/json', candidate: 'text/html', disposition: 'regression' }),
          diff({ path: '$', kind: 'type', legacy: { banner: 'Welcome', items: [] }, candidate: evilText, disposition: 'regression', reason: 'javascript:alert(1) </script>' }),
        ],
      ),
      step(
        'GET /menu/specials',
        exchange('legacy', { path: '/menu/specials', body: jsonBody({ special: 'Pepperoni' }) }),
        exchange('candidate', { path: '/menu/specials', body: jsonBody({ special: `${xssTitle}</script>\u2028\u2029`, link: 'javascript:alert(document.domain)' }) }),
        [diff({ path: '$.special', legacy: 'Pepperoni', candidate: `${xssTitle}</script>\u2028\u2029`, disposition: 'regression' }), diff({ path: '$.link', kind: 'extra', candidate: 'javascript:alert(document.domain)', disposition: 'regression' })],
      ),
    ],
  });

  const interrupted = caseResult(menuSuite, 'pizzashack', 'updates an order', {
    status: 'interrupted',
    steps: [],
    latency: { legacyMs: null, candidateMs: null },
    durationMs: 30,
  });
  return [listMenu, placeOrder, missingToken, skipped, unreachable, drift, interrupted];
}

export function inventoryCases(): CaseResult[] {
  return [
    caseResult(inventorySuite, 'inventory', 'counts stock', {
      tags: ['read'],
      latency: { legacyMs: 200, candidateMs: 180 },
      steps: [
        step(
          'GET /stock',
          exchange('legacy', { path: '/stock', body: jsonBody({ count: '12' }), source: { baseline: 'baselines/inventory/counts-stock.json' } }),
          exchange('candidate', { path: '/stock', body: jsonBody({ count: 12 }) }),
          [
            diff({ area: 'contract', path: '$.count', kind: 'violation', legacy: '12', disposition: 'improvement', rule: 'openapi:type', reason: 'The spec says count is an integer.' }),
            diff({ area: 'contract', path: '$.sku', kind: 'violation', disposition: 'pre-existing', rule: 'openapi:required', reason: 'Both sides omit the required sku.' }),
          ],
        ),
      ],
    }),
  ];
}

export function tokenParity(status: TokenParityResult['status'] = 'passed'): TokenParityResult {
  return {
    status,
    legacy: { format: 'opaque-uuid', tokenType: 'Bearer', scopes: ['read', 'write'], expiresIn: 3600 },
    candidate: { format: 'jwt', tokenType: 'Bearer', scopes: ['read', 'write'], expiresIn: 900, issuer: 'https://sts.choreo.dev/oauth2/token', signature: 'RS256' },
    findings: [
      diff({ area: 'token', path: 'token.format', legacy: 'opaque-uuid', candidate: 'jwt', disposition: 'accepted', rule: 'token-format', reason: 'Choreo issues JWTs; clients treat tokens as opaque strings.' }),
      diff({ area: 'token', path: 'token.expiresIn', kind: 'threshold', legacy: 3600, candidate: 900, disposition: status === 'failed' ? 'regression' : 'accepted', rule: 'token-lifetime', reason: 'Above the configured minimum of 600 s.' }),
    ],
    ...(status === 'error' ? { error: { name: 'AuthError', message: 'token endpoint said invalid_client', hint: 'Check CANDIDATE_CLIENT_ID.' } } : {}),
    durationMs: 420,
  };
}

export interface RunOptions {
  cases?: CaseResult[];
  suites?: SuiteInfo[];
  tokenParity?: TokenParityResult | null;
  interrupted?: boolean;
  runId?: string;
}

/** The whole realistic run, with its summary computed the way the engine does. */
export function buildRun(options: RunOptions = {}): RunResult {
  const cases = options.cases ?? [...menuCases(), ...inventoryCases()];
  const suites = options.suites ?? [menuSuite, brokenSuite, inventorySuite];
  const parity = options.tokenParity === null ? undefined : (options.tokenParity ?? tokenParity());
  const interrupted = options.interrupted ?? true;
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    harnessVersion: '0.1.0',
    runId: options.runId ?? 'run-20251124-100000',
    startedAt: '2025-11-24T10:00:00.000Z',
    finishedAt: '2025-11-24T10:00:42.500Z',
    environment: {
      name: 'staging',
      production: false,
      sandbox: false,
      targets: {
        legacy: {
          name: 'legacy',
          profile: 'apicloud',
          hosts: ['https://gateway.api.cloud.wso2.com'],
          auth: 'client_credentials',
          tlsVerify: true,
          baseline: 'baselines/staging',
          baselineManifest: {
            folder: 'baselines/staging',
            manifest: 'baselines/staging/manifest.json',
            sha256: 'e'.repeat(64),
            recordedAt: '2025-11-20T09:00:00.000Z',
            recordedHosts: ['https://gateway.api.cloud.wso2.com'],
            env: 'staging',
            profile: 'apicloud',
            harnessVersion: '0.1.0',
            cases: 8,
          },
        },
        candidate: { name: 'candidate', profile: 'choreo', hosts: ['https://2d9ec1f6-dev.e1-us-east-azure.choreoapis.dev'], auth: 'client_credentials', tlsVerify: false },
      },
    },
    git: { commit: '0b758c1f3e2d4c5b6a798877665544332211aabb', dirty: false },
    suites,
    cases,
    ...(parity ? { tokenParity: parity } : {}),
    throttling: [
      { api: 'pizzashack', legacyTier: 'Gold', legacyPerMinute: 5000, candidatePolicy: '10K/min', candidatePerMinute: 10000, admits: true, notes: [] },
      { api: 'inventory', legacyTier: 'Unlimited', legacyPerMinute: null, candidatePolicy: '1K/min', candidatePerMinute: 1000, admits: false, notes: ['Legacy tier Unlimited has no limit; Choreo will throttle above 1000/min.'] },
      { api: 'orders', legacyTier: 'Gold', legacyPerMinute: 5000, candidatePolicy: 'TenK', candidatePerMinute: null, admits: false, notes: ['unknown candidate policy "TenK": its limit is unknown.'], unreadable: ['candidate'] },
    ],
    warnings: ['TLS verification is off for candidate (CANDIDATE_TLS_VERIFY=false).', ...(interrupted ? ['The run was interrupted (SIGINT); 1 case did not finish.'] : [])],
    interrupted,
    summary: summarize(cases, { suites, ...(parity ? { tokenParity: parity } : {}), interrupted }),
  };
}

/** A run where everything passes: one suite, one clean case, token parity passed. */
export function buildPassingRun(): RunResult {
  const cases = [menuCases()[0]!, ...inventoryCases()];
  return buildRun({ cases, suites: [menuSuite, inventorySuite], interrupted: false });
}

/** The run with its cases in report order (suite file, then id): the order every report and results.json use. */
export function inReportOrder(run: RunResult): RunResult {
  const files = [...new Set([...run.suites.map((s) => s.file), ...run.cases.map((c) => c.suiteFile)])].sort();
  const rank = (c: CaseResult) => files.indexOf(c.suiteFile);
  return { ...run, cases: [...run.cases].sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}
