import { ConfigError } from '../../src/errors';
import { describeTargets } from '../../src/config/describeTargets';
import { loadEnvConfig } from '../../src/config/loadEnvConfig';
import { resolveApiBaseUrl } from '../../src/config/resolveApiBaseUrl';
import { createProject, thrown } from '../suite/helpers';

const env = `LEGACY_TOKEN_URL=https://gateway.api.cloud.wso2.com/token
LEGACY_CLIENT_ID=k
LEGACY_CLIENT_SECRET=s
LEGACY_SCOPE=order_pizza
LEGACY_API_PIZZASHACK_URL=https://gateway.api.cloud.wso2.com/t/acme/pizzashack/1.0.0
LEGACY_API_ORDER_API_URL=https://orders.acme.example:8443/orders/1.0.0
CANDIDATE_GRANT=static
CANDIDATE_TOKEN=t
CANDIDATE_TLS_VERIFY=false
CANDIDATE_API_PIZZASHACK_URL=https://acme-prod.choreoapis.dev/shop/pizzashack/v1.0
`;

function withConfig(fn: (config: ReturnType<typeof loadEnvConfig>) => void): void {
  const project = createProject({ 'env/staging.env': env });
  try {
    fn(loadEnvConfig({ root: project.root, envName: 'staging', processEnv: {} }));
  } finally {
    project.cleanup();
  }
}

describe('resolveApiBaseUrl', () => {
  it('maps a suite API name to its variable: upper-cased, "-" and "." as "_"', () => {
    withConfig((config) => {
      expect(resolveApiBaseUrl(config, 'legacy', 'pizzashack')).toBe('https://gateway.api.cloud.wso2.com/t/acme/pizzashack/1.0.0');
      expect(resolveApiBaseUrl(config, 'legacy', 'order-api')).toBe('https://orders.acme.example:8443/orders/1.0.0');
    });
  });

  it('names the missing variable and the env file, with an example URL for that gateway', () => {
    withConfig((config) => {
      const error = thrown(() => resolveApiBaseUrl(config, 'candidate', 'order-api'));
      expect(error).toBeInstanceOf(ConfigError);
      expect(error).toMatchObject({
        message: 'CANDIDATE_API_ORDER_API_URL is not set: suites call API "order-api" on the candidate target. Expected in env/staging.env or the process environment.',
        file: 'env/staging.env',
        path: 'CANDIDATE_API_ORDER_API_URL',
        target: 'candidate',
        hint: "Add CANDIDATE_API_ORDER_API_URL=https://<org-uuid>-prod.e1-us-east-azure.choreoapis.dev/<project>/order-api/v1.0 (the API's base URL on that gateway: context and version) to env/staging.env. Configured candidate APIs: pizzashack.",
      });
    });
  });

  it('points at a near miss among the configured APIs', () => {
    withConfig((config) => {
      expect(thrown(() => resolveApiBaseUrl(config, 'legacy', 'pizzashak')).message).toContain('LEGACY_API_PIZZASHACK_URL is set: is that the API you meant?');
    });
  });
});

describe('describeTargets', () => {
  it('shows hosts, profile, grant and TLS for reports, and no path, id or secret', () => {
    withConfig((config) => {
      const targets = describeTargets(config);
      expect(targets).toEqual({
        legacy: {
          name: 'legacy',
          profile: 'apicloud',
          hosts: ['https://gateway.api.cloud.wso2.com', 'https://orders.acme.example:8443'],
          auth: 'client_credentials (scope: order_pizza)',
          tlsVerify: true,
        },
        candidate: { name: 'candidate', profile: 'choreo', hosts: ['https://acme-prod.choreoapis.dev'], auth: 'static token', tlsVerify: false },
      });
      expect(JSON.stringify(targets)).not.toMatch(/acme\/pizzashack|"k"|"s"|"t"/);
    });
  });
});
