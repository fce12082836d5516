import { resolveApiBaseUrl } from '../config/resolveApiBaseUrl';
import type { TargetName } from '../model/result';
import { createBuiltins, createTemplateScope, type TemplateScope } from '../suite/template';
import type { Case, Suite } from '../suite/types';
import type { RunContext } from './runContext';

/**
 * Per-target variable scopes for one case: a value captured from a legacy response feeds only
 * later legacy requests, and likewise for the candidate. Builtins (`{{$uuid}}`) are generated
 * once per case and shared, so both sides receive the same generated value.
 */
export interface CaseVariables {
  scope(target: TargetName): TemplateScope;
  capture(target: TargetName, values: Record<string, string>): void;
  baseUrl(target: TargetName, api: string, ctx: RunContext): string;
}

export function createCaseVariables(suite: Suite, testCase: Case): CaseVariables {
  const builtins = createBuiltins();
  const make = (): TemplateScope =>
    createTemplateScope({ suite: { vars: suite.vars, globalVars: suite.globalVars }, caseVars: testCase.vars, builtins, captures: {} });
  const scopes: Record<TargetName, TemplateScope> = { legacy: make(), candidate: make() };
  return {
    scope: (target) => scopes[target],
    capture(target, values) {
      scopes[target] = { ...scopes[target], captures: { ...scopes[target].captures, ...values } };
    },
    baseUrl: (target, api, ctx) => ctx.sources[target].baseUrl?.(api) ?? resolveApiBaseUrl(ctx.config, target, api),
  };
}
