import Ajv from 'ajv';

/**
 * JSON-schema validation (draft-07, what GitLab's schema declares), one line per problem:
 * `/parity/stagee: must NOT have additional properties (stagee)`.
 */
export function validateAgainst(schema: Record<string, unknown>, value: unknown): string[] {
  // strict: false — GitLab's schema uses editor-only keywords (markdownDescription) ajv would reject.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}
