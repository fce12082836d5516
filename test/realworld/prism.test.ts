import { startPrism } from '../support/startPrism';
import { realWorldFiles } from './sharedArtifacts';

describe('the independent mock server used by the real-world tier', () => {
  it('serves a real OpenAPI document on a loopback port chosen by the OS', async () => {
    const document = realWorldFiles('openapi').find((file) => file.endsWith('oai-v3.0-petstore-expanded.yaml'));
    expect(document).toBeDefined();
    const prism = await startPrism(document!, { dynamic: true });
    try {
      expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${prism.url}/pets`);
      expect(response.status).toBe(200);
      expect(Array.isArray(await response.json())).toBe(true);
    } finally {
      await prism.close();
    }
  });
});
