import { didYouMeanSuffix } from '../shared/didYouMean';
import { jsonPathHint, jsonPathProblem } from './jsonPathCheck';
import { regexProblem } from './parseRules';
import { captureKeys, variableNamePattern } from './schema';
import type { CaptureSpec } from './types';
import type { Cursor, YamlReader } from './yamlReader';

const captureHint = 'A capture is "$.json.path", { json: "$.path" }, { header: <name>, regex: "<pattern with one (group)>" } or { status: true }.';

/** `capture:` — variable name → where its value comes from in the response. */
export function parseCaptures(reader: YamlReader, cursor: Cursor | undefined): Record<string, CaptureSpec> | undefined {
  if (!cursor) return {};
  const entries = reader.freeMap(cursor, 'variable name → capture');
  if (!entries) return undefined;
  const out: Record<string, CaptureSpec> = {};
  let ok = true;
  for (const { key, cursor: at } of entries) {
    if (!variableNamePattern.test(key) || key === 'env') {
      ok = reader.failAtKey(cursor, at.keyNode, `"${key}" cannot be a variable name`, 'Variable names start with a letter or "_" and hold letters, digits, "_" or "-"; "env" is reserved for {{env.NAME}}.') ?? false;
      continue;
    }
    const spec = parseCapture(reader, at);
    if (spec) out[key] = spec;
    else ok = false;
  }
  return ok ? out : undefined;
}

function parseCapture(reader: YamlReader, cursor: Cursor): CaptureSpec | undefined {
  if (reader.kind(cursor) === 'string') {
    const path = reader.string(cursor)!;
    if (!path.startsWith('$')) return reader.fail(cursor, `"${path}" is not a JSON path`, `To capture a header write { header: ${path} }. ${captureHint}`);
    return jsonCapture(reader, cursor, path);
  }
  // An unknown key here is most likely a kind of capture the harness does not have (cookie, body…).
  const keys = reader.freeMap(cursor, 'a capture');
  if (!keys) return undefined;
  const unsupported = keys.filter(({ key }) => !(captureKeys as readonly string[]).includes(key));
  for (const { key, cursor: at } of unsupported) {
    reader.failAtKey(cursor, at.keyNode, `unsupported capture kind "${key}".${didYouMeanSuffix(key, captureKeys)}`, captureHint);
  }
  if (unsupported.length) return undefined;
  const entries = reader.map(cursor, captureKeys, 'a capture');
  if (!entries) return undefined;
  const kinds = (['json', 'header', 'status'] as const).filter((key) => entries.has(key));
  if (kinds.length !== 1) {
    return reader.fail(cursor, kinds.length === 0 ? 'a capture needs one of json, header or status' : `a capture reads one thing; found ${kinds.join(' and ')}`, captureHint);
  }
  const regexAt = entries.get('regex');
  if (regexAt && kinds[0] !== 'header') return reader.fail(regexAt, 'regex goes with a header capture', captureHint);
  switch (kinds[0]!) {
    case 'json': {
      const path = reader.string(entries.get('json')!, { nonEmpty: true });
      return path === undefined ? undefined : jsonCapture(reader, entries.get('json')!, path);
    }
    case 'header': {
      const name = reader.string(entries.get('header')!, { nonEmpty: true });
      const regex = regexAt ? reader.string(regexAt, { nonEmpty: true }) : undefined;
      if (name === undefined || (regexAt && regex === undefined)) return undefined;
      if (regex !== undefined) {
        const problem = regexProblem(regex);
        if (problem) return reader.fail(regexAt!, problem, 'The value captured is group 1 of the match (or the whole match when the pattern has no group).');
      }
      return { from: 'header', name: name.toLowerCase(), regex };
    }
    case 'status': {
      const statusAt = entries.get('status')!;
      const flag = reader.boolean(statusAt);
      if (flag === false) return reader.fail(statusAt, 'status: false captures nothing', 'Write { status: true } or remove the capture.');
      return flag ? { from: 'status' } : undefined;
    }
  }
}

function jsonCapture(reader: YamlReader, cursor: Cursor, path: string): CaptureSpec | undefined {
  const problem = jsonPathProblem(path);
  return problem ? reader.fail(cursor, problem, jsonPathHint) : { from: 'json', path };
}
