import type { EnvConfig } from '../config/types';
import { createOpenApiResponseValidatorEngine } from '../contract/openApiResponseValidatorEngine';
import type { ContractOperation } from '../contract/types';

/**
 * The engine loads the OpenAPI validator (and Ajv under it) on first use, to keep `parity run`
 * and Jest's start quick. Under Jest that first use can come too late: in a file of concurrent
 * tests, Jest refuses any new `require` once one of them has finished ("You are trying to
 * `require` a file outside of the scope of the test code"), so a suite whose first case needs no
 * contract check (an `auth: none` 401) broke its second case. A worker therefore validates one
 * tiny response while it attaches, which loads the validator and everything Ajv pulls in on its
 * first compile, before any test starts. Only when some API of the environment has a contract.
 */
export function loadLazyDependencies(config: EnvConfig): void {
  if (!Object.values(config.apis).some((api) => api.openapi !== undefined)) return;
  const engine = createOpenApiResponseValidatorEngine({ openapi: '3.0.3', components: {} }, 'openapi-3.0', 'warm-up.yaml');
  const operation: ContractOperation = {
    key: 'GET /warm-up',
    method: 'GET',
    pathTemplate: '/warm-up',
    responses: new Map([['200', { status: '200', content: [{ mediaType: 'application/json', schema: { type: 'object', required: ['id'] } }] }]]),
    segments: [{ type: 'literal', text: 'warm-up' }],
  };
  engine.validate(operation, '200', 'application/json', {});
}
