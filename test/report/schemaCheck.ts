/**
 * A small JSON Schema checker for the keywords `schema/results.schema.json` uses (ajv is not a
 * dependency). It fails loudly on any keyword it does not know, so the schema cannot grow a rule
 * this checker silently ignores.
 *
 * `strict` also reports keys that an object schema does not declare: the published schema lets
 * newer harnesses add optional fields, but our own output must be fully described.
 */
type Schema = Record<string, unknown> | boolean;

const known = new Set([
  '$schema', '$id', 'title', 'description', '$defs', '$ref', 'type', 'required', 'properties',
  'additionalProperties', 'items', 'enum', 'const', 'oneOf', 'minimum', 'maximum', 'pattern',
  'propertyNames', 'format',
]);

export interface CheckResult {
  errors: string[];
  /** Schema locations (`#/$defs/body/properties/truncated`) that some value was checked against. */
  visited: Set<string>;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  return typeOf(value) === type;
}

export function checkSchema(root: Record<string, unknown>, value: unknown, options: { strict?: boolean } = {}): CheckResult {
  const errors: string[] = [];
  const visited = new Set<string>();

  const resolve = (ref: string): [Schema, string] => {
    const match = /^#\/\$defs\/([\w-]+)$/.exec(ref);
    const defs = root.$defs as Record<string, Schema> | undefined;
    const target = match ? defs?.[match[1]!] : undefined;
    if (target === undefined) throw new Error(`schema: cannot resolve $ref ${ref}`);
    return [target, ref];
  };

  const check = (schema: Schema, where: string, data: unknown, at: string): void => {
    visited.add(where);
    if (schema === true) return;
    if (schema === false) {
      errors.push(`${at}: no value allowed here`);
      return;
    }
    for (const key of Object.keys(schema)) if (!known.has(key)) throw new Error(`schema: checker does not know keyword "${key}" at ${where}`);
    if (typeof schema.$ref === 'string') {
      const [target, ref] = resolve(schema.$ref);
      check(target, ref, data, at);
    }
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
      if (!types.some((t) => matchesType(data, t))) {
        errors.push(`${at}: expected ${types.join(' or ')}, got ${typeOf(data)}`);
        return;
      }
    }
    if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(data)) errors.push(`${at}: expected ${JSON.stringify(schema.const)}`);
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(data))) {
      errors.push(`${at}: ${JSON.stringify(data)} is not one of ${JSON.stringify(schema.enum)}`);
    }
    if (typeof data === 'number') {
      if (typeof schema.minimum === 'number' && data < schema.minimum) errors.push(`${at}: ${data} < minimum ${schema.minimum}`);
      if (typeof schema.maximum === 'number' && data > schema.maximum) errors.push(`${at}: ${data} > maximum ${schema.maximum}`);
    }
    if (typeof data === 'string') {
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(data)) errors.push(`${at}: "${data}" does not match ${schema.pattern}`);
      if (schema.format === 'date-time' && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(data)) errors.push(`${at}: "${data}" is not an RFC 3339 date-time`);
    }
    if (Array.isArray(schema.oneOf)) {
      const passing = schema.oneOf.filter((option: Schema, i) => {
        const before = errors.length;
        check(option, `${where}/oneOf/${i}`, data, at);
        const ok = errors.length === before;
        errors.length = before;
        return ok;
      });
      if (passing.length !== 1) errors.push(`${at}: matches ${passing.length} of the oneOf options, expected exactly 1`);
    }
    if (Array.isArray(data) && schema.items !== undefined) {
      data.forEach((item, i) => check(schema.items as Schema, `${where}/items`, item, `${at}[${i}]`));
    }
    if (typeOf(data) === 'object') {
      const record = data as Record<string, unknown>;
      for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in record)) errors.push(`${at}: missing required "${key}"`);
      const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
      for (const [key, item] of Object.entries(record)) {
        if (schema.propertyNames !== undefined) check(schema.propertyNames as Schema, `${where}/propertyNames`, key, `${at} key "${key}"`);
        if (key in properties) check(properties[key]!, `${where}/properties/${key}`, item, `${at}.${key}`);
        else if (schema.additionalProperties !== undefined) check(schema.additionalProperties as Schema, `${where}/additionalProperties`, item, `${at}.${key}`);
        else if (options.strict && schema.properties !== undefined) errors.push(`${at}: "${key}" is not declared in the schema`);
      }
    }
  };

  check(root, '#', value, '$');
  return { errors, visited };
}

/** Every `properties` entry the schema declares, as the locations `visited` uses. */
export function declaredProperties(root: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (schema: unknown, where: string): void => {
    if (typeof schema !== 'object' || schema === null) return;
    const record = schema as Record<string, unknown>;
    for (const [key, sub] of Object.entries((record.properties as Record<string, unknown> | undefined) ?? {})) {
      out.push(`${where}/properties/${key}`);
      walk(sub, `${where}/properties/${key}`);
    }
    if (record.items) walk(record.items, `${where}/items`);
  };
  walk(root, '#');
  for (const [name, def] of Object.entries((root.$defs as Record<string, unknown> | undefined) ?? {})) walk(def, `#/$defs/${name}`);
  return out;
}
