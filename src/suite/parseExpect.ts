import { jsonPathHint, jsonPathProblem } from './jsonPathCheck';
import { expectHeaderKeys, expectKeys, statusRange } from './schema';
import { noteTemplatesIn, readTemplate, type TemplateUses } from './templateUses';
import type { Expectation } from './types';
import type { Cursor, YamlReader } from './yamlReader';

function emptyExpectation(): Expectation {
  return { status: [], headers: {}, json: {} };
}

/**
 * `expect:` — what must hold on BOTH targets, on top of parity: allowed statuses, header values
 * (`present` or an exact value), and values at JSON paths.
 */
export function parseExpect(reader: YamlReader, cursor: Cursor | undefined, uses: TemplateUses): Expectation | undefined {
  if (!cursor) return emptyExpectation();
  const entries = reader.map(cursor, expectKeys, 'expect');
  if (!entries) return undefined;
  const statusAt = entries.get('status');
  const status = statusAt ? parseStatus(reader, statusAt) : [];
  const headers = parseHeaders(reader, entries.get('headers'), uses);
  const json = parseJson(reader, entries.get('json'), uses);
  if (!status || !headers || !json) return undefined;
  return { status, headers, json };
}

function parseStatus(reader: YamlReader, cursor: Cursor): number[] | undefined {
  const items = reader.kind(cursor) === 'list' ? reader.list(cursor, 'allowed statuses')! : [cursor];
  const statuses = items.map((item) => reader.number(item, { integer: true, ...statusRange, hint: 'HTTP statuses are whole numbers from 100 to 599: status: 200 or status: [200, 201].' }));
  if (items.length === 0) return reader.fail(cursor, 'the status list is empty', 'Leave status out to not check it, or list the allowed statuses, e.g. [200, 201].');
  return statuses.every((status) => status !== undefined) ? (statuses as number[]) : undefined;
}

function parseHeaders(reader: YamlReader, cursor: Cursor | undefined, uses: TemplateUses): Expectation['headers'] | undefined {
  if (!cursor) return {};
  const entries = reader.freeMap(cursor, 'header name → present or value');
  if (!entries) return undefined;
  const out: Expectation['headers'] = {};
  let ok = true;
  for (const { key, cursor: at } of entries) {
    const name = key.toLowerCase();
    if (reader.kind(at) === 'mapping') {
      // `{ equals: present }` is the escape hatch for a header whose value is literally "present".
      const map = reader.map(at, expectHeaderKeys, 'a header expectation');
      const equalsAt = map?.get('equals');
      if (map && !equalsAt) reader.fail(at, 'a header expectation mapping needs "equals"');
      const equals = equalsAt ? readTemplate(reader, equalsAt, 'expect', uses, { scalars: true }) : undefined;
      if (equals === undefined) ok = false;
      else out[name] = { equals };
      continue;
    }
    const value = readTemplate(reader, at, 'expect', uses, { scalars: true });
    if (value === undefined) ok = false;
    else out[name] = value === 'present' ? { present: true } : { equals: value };
  }
  return ok ? out : undefined;
}

function parseJson(reader: YamlReader, cursor: Cursor | undefined, uses: TemplateUses): Record<string, unknown> | undefined {
  if (!cursor) return {};
  const entries = reader.freeMap(cursor, 'JSON path → expected value');
  if (!entries) return undefined;
  const out: Record<string, unknown> = {};
  let ok = true;
  for (const { key, cursor: at } of entries) {
    const problem = jsonPathProblem(key);
    if (problem) {
      ok = reader.failAtKey(cursor, at.keyNode, problem, jsonPathHint) ?? false;
      continue;
    }
    const value = reader.plain(at);
    if (!noteTemplatesIn(reader, at, value, 'expect', uses)) ok = false;
    out[key] = value;
  }
  return ok ? out : undefined;
}
