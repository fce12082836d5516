import { checkStepContract } from '../contract/checkStepContract';
import { loadContract } from '../contract/loadContract';
import type { Difference, Exchange } from '../model/result';
import type { Step, Suite } from '../suite/types';
import type { RunContext } from './runContext';

/**
 * Validates both responses of a step against its API's OpenAPI document, when the environment
 * names one (`PARITY_API_<NAME>_OPENAPI`). A broken document throws `ContractError`, which ends
 * the case as a harness error: the document is wrong, not the gateways.
 */
export function checkContract(step: Step, legacy: Exchange, candidate: Exchange, legacyBaseUrl: string, ctx: RunContext): Difference[] {
  const file = ctx.config.apis[step.api]?.openapi;
  if (!file) return [];
  const contract = loadContract(file, ctx.root);
  return checkStepContract({
    contract,
    method: step.request.method,
    requestPath: relativePath(legacy.request.url, legacyBaseUrl),
    legacy,
    candidate,
    strict: ctx.config.run.strictContract,
  });
}

/**
 * Loads the contract of every API these steps call, so a document the check cannot use (an
 * unsupported version or dialect, a schema that does not compile, a broken `$ref`) throws its
 * `ContractError` before any request is sent — not after both gateways were called. Loads are
 * cached per file, so calling this for every suite and case costs one load per document.
 */
export function loadStepContracts(steps: readonly Step[], ctx: Pick<RunContext, 'config' | 'root'>): void {
  for (const api of new Set(steps.map((step) => step.api))) {
    const file = ctx.config.apis[api]?.openapi;
    if (file) loadContract(file, ctx.root);
  }
}

/** `loadStepContracts` for every case of a suite: run when the suite loads. */
export function loadSuiteContracts(suite: Suite, ctx: Pick<RunContext, 'config' | 'root'>): void {
  loadStepContracts(suite.cases.flatMap((testCase) => testCase.steps), ctx);
}

/** The request's path below the API base (`/order/abc?x=1`), as the contract's paths are written. */
function relativePath(url: string, baseUrl: string): string {
  const request = new URL(url);
  const base = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const pathname = request.pathname.startsWith(base) ? request.pathname.slice(base.length) || '/' : request.pathname;
  return `${pathname}${request.search}`;
}
