import { variableNamePattern } from './schema';
import type { Cursor, YamlReader } from './yamlReader';

/** `vars:` at suite or case level: names usable as `{{name}}`, any YAML value. */
export function readVars(reader: YamlReader, cursor: Cursor | undefined): Record<string, unknown> | undefined {
  if (!cursor) return {};
  const entries = reader.freeMap(cursor, 'variable name → value');
  if (!entries) return undefined;
  const vars: Record<string, unknown> = {};
  let ok = true;
  for (const { key, cursor: at } of entries) {
    if (!variableNamePattern.test(key) || key === 'env') {
      ok = reader.failAtKey(cursor, at.keyNode, `"${key}" cannot be a variable name`, 'Variable names start with a letter or "_" and hold letters, digits, "_" or "-"; "env" is reserved for {{env.NAME}}.') ?? false;
      continue;
    }
    vars[key] = reader.plain(at);
  }
  return ok ? vars : undefined;
}
