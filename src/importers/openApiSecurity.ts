import { isObject, resolve, type JsonObject, type OpenApiDocument } from './openApiDocument';

/** How an operation authenticates, read from its (or the document's) security requirements. */
export interface OperationSecurity {
  /** `security: []`: the document says no authentication at all. */
  none: boolean;
  /** Scopes the chosen requirement names (OAuth2). */
  scopes: string[];
  /**
   * API-key credentials the request must carry itself (the target's grant supplies only a bearer
   * token): only when no alternative requirement is a token scheme.
   */
  apiKeys: Array<{ in: 'header' | 'query' | 'cookie'; name: string; scheme: string }>;
  /** Every parameter name the schemes declare as a credential (lower-cased for headers). */
  credentialNames: Set<string>;
}

/** Scheme types whose credential is a bearer token: what the target's configured grant sends. */
const tokenSchemes = new Set(['oauth2', 'openIdConnect', 'http']);

/**
 * Security from the document: OpenAPI 3 `components.securitySchemes` and Swagger 2.0
 * `securityDefinitions`, the operation's `security` winning over the document's. An apiKey
 * scheme names the header or query parameter that carries the key — a credential whatever it is
 * called (`X-Gravitee-Key`), so it is read from the environment, never written into a suite.
 */
export function operationSecurity(doc: OpenApiDocument, operation: JsonObject): OperationSecurity {
  const schemes = securitySchemes(doc);
  const credentialNames = new Set<string>();
  for (const scheme of Object.values(schemes)) {
    if (scheme.type === 'apiKey' && typeof scheme.name === 'string') credentialNames.add(scheme.name.toLowerCase());
  }
  const requirements = Array.isArray(operation.security) ? operation.security : Array.isArray(doc.root.security) ? doc.root.security : undefined;
  const result: OperationSecurity = { none: requirements !== undefined && requirements.length === 0, scopes: [], apiKeys: [], credentialNames };
  if (!requirements || requirements.length === 0) return result;
  const alternatives = requirements.filter(isObject);
  // OR of ANDs: the first alternative the harness can satisfy with the target's grant wins.
  const usesToken = (requirement: JsonObject) => Object.keys(requirement).some((name) => tokenSchemes.has(String(schemes[name]?.type)));
  const chosen = alternatives.find(usesToken) ?? alternatives[0];
  if (!chosen) return result;
  result.scopes = [...new Set(Object.values(chosen).flat().filter((scope): scope is string => typeof scope === 'string'))];
  if (usesToken(chosen)) return result;
  for (const name of Object.keys(chosen)) {
    const scheme = schemes[name];
    if (scheme?.type === 'apiKey' && typeof scheme.name === 'string' && (scheme.in === 'header' || scheme.in === 'query' || scheme.in === 'cookie')) {
      result.apiKeys.push({ in: scheme.in, name: scheme.name, scheme: name });
    }
  }
  return result;
}

function securitySchemes(doc: OpenApiDocument): Record<string, JsonObject> {
  const components = isObject(doc.root.components) ? doc.root.components : {};
  const raw = isObject(components.securitySchemes) ? components.securitySchemes : isObject(doc.root.securityDefinitions) ? doc.root.securityDefinitions : {};
  const out: Record<string, JsonObject> = {};
  for (const [name, value] of Object.entries(raw)) {
    try {
      const scheme = resolve(doc, value);
      if (isObject(scheme)) out[name] = scheme;
    } catch {
      continue;
    }
  }
  return out;
}
