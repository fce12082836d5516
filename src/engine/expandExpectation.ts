import type { TargetName } from '../model/result';
import { expandTemplate, expandValue } from '../suite/template';
import type { Expectation, Step } from '../suite/types';
import type { CaseVariables } from './caseVariables';

/**
 * A step's `expect:` as one side must meet it: templates expanded with that side's scope (suite
 * vars, data row, its own captures) plus `{{base}}`, the API's base URL on that side.
 */
export function expandExpectation(step: Step, target: TargetName, variables: CaseVariables, baseUrl: string): Expectation {
  const scope = variables.scope(target);
  const withBase = { ...scope, captures: { base: baseUrl.replace(/\/+$/, ''), ...scope.captures } };
  const where = `step "${step.name}" expect`;
  const headers: Expectation['headers'] = {};
  for (const [name, rule] of Object.entries(step.expect.headers)) {
    headers[name] = 'equals' in rule ? { equals: expandTemplate(rule.equals, withBase, `${where}.headers.${name}`) } : rule;
  }
  const json: Expectation['json'] = {};
  for (const [path, value] of Object.entries(step.expect.json)) json[path] = expandValue(value, withBase, `${where}.json`);
  return { ...step.expect, headers, json };
}
