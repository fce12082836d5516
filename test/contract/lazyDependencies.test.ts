import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/**
 * Runs a snippet in a fresh Node process (our TypeScript through esbuild-register, as bin/parity.js
 * does) and returns which of the heavy libraries it had loaded by the end.
 */
function loadedAfter(snippet: string): string[] {
  const script = `
    require('esbuild-register/dist/node').register({ target: 'node20', hookIgnoreNodeModules: true });
    ${snippet}
    const loaded = Object.keys(require.cache).map((file) => /node_modules\\/(ajv|openapi-response-validator|jose)\\//.exec(file)?.[1]).filter(Boolean);
    process.stdout.write(JSON.stringify([...new Set(loaded)].sort()));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })) as string[];
}

describe('heavy libraries are loaded on first use, not on import', () => {
  it('loads neither Ajv, openapi-response-validator nor jose with the engine, the contract checks or token parity', () => {
    expect(
      loadedAfter(`
        require('./src/engine/runCase.ts');
        require('./src/engine/runContext.ts');
        require('./src/engine/checkTokenParity.ts');
        require('./src/contract/loadContract.ts');
      `),
    ).toEqual([]);
  }, 30_000);

  it('loads the validator when a response is first validated, and jose when a verifier is first made', () => {
    expect(
      loadedAfter(`
        const { createOpenApiResponseValidatorEngine } = require('./src/contract/openApiResponseValidatorEngine.ts');
        const engine = createOpenApiResponseValidatorEngine({ openapi: '3.0.3', components: {} }, 'openapi-3.0', 'spec.yaml');
        const operation = { key: 'GET /x', method: 'GET', pathTemplate: '/x', responses: new Map([['200', { content: [{ mediaType: 'application/json', schema: { type: 'object', required: ['id'] } }] }]]) };
        const problems = engine.validate(operation, '200', 'application/json', {});
        if (problems.length !== 1) throw new Error('expected one problem, got ' + JSON.stringify(problems));
        require('./src/auth/verifyJwt.ts').createJwtVerifier({ jwksUrl: 'https://sts.example/jwks' });
      `),
    ).toEqual(['ajv', 'jose', 'openapi-response-validator']);
  }, 30_000);
});
