import { readDataRows, type DataRow } from './dataRows';
import { readVars } from './readVars';
import { latencyKeys } from './schema';
import type { LatencyThresholds } from './types';
import type { Cursor, Entries, YamlReader } from './yamlReader';

/** The case-level settings that are not about its steps. */
export interface CaseSettings {
  nameAt: Cursor;
  /** The name as written; `{{var}}` in it is expanded per data row. */
  nameTemplate: string;
  description?: string;
  api?: string;
  tags: string[];
  skip: boolean;
  skipReason?: string;
  only: boolean;
  latency: LatencyThresholds;
  vars: Record<string, unknown>;
  rows?: DataRow[];
}

/** Reads them all (reporting every problem); undefined when any is unusable. */
export function readCaseSettings(reader: YamlReader, entries: Entries, context: { api?: string; dir: string; root: string }): CaseSettings | undefined {
  const at = (key: string) => entries.get(key);
  const nameAt = at('name');
  if (!nameAt && !entries.misspelled('name')) reader.fail(entries.cursor, 'a case needs "name"', 'Names are unique within a suite; the case id is <suite file>#<name>.');
  const nameTemplate = nameAt ? reader.string(nameAt, { nonEmpty: true, scalars: true }) : undefined;
  const description = at('description') ? reader.string(at('description')!) : undefined;
  const tags = at('tags') ? reader.stringList(at('tags')!, 'tags') : [];
  const skip = readSkip(reader, at('skip'));
  const only = at('only') ? reader.boolean(at('only')!) : false;
  const api = at('api') ? reader.string(at('api')!, { nonEmpty: true }) : context.api;
  const latency = at('latency') ? readLatency(reader, at('latency')!) : {};
  const vars = readVars(reader, at('vars'));
  const eachAt = at('each');
  const rows = eachAt ? readDataRows(reader, eachAt, context.dir, context.root) : undefined;
  if (!nameAt || nameTemplate === undefined || !tags || !skip || only === undefined || (at('api') && api === undefined) || !latency || !vars || (eachAt && !rows)) {
    return undefined;
  }
  return {
    nameAt,
    nameTemplate,
    description,
    api,
    tags,
    skip: skip.skip,
    skipReason: skip.reason,
    only,
    latency,
    vars,
    rows,
  };
}

function readSkip(reader: YamlReader, cursor: Cursor | undefined): { skip: boolean; reason?: string } | undefined {
  if (!cursor) return { skip: false };
  // `skip: "waiting for CHOREO-123"` skips with a reason; yes/no are still rejected as booleans.
  if (reader.kind(cursor) === 'string' && !/^(?:y|n|yes|no|on|off)$/i.test(reader.string(cursor)!)) {
    const reason = reader.string(cursor, { nonEmpty: true });
    return reason === undefined ? undefined : { skip: true, reason };
  }
  const skip = reader.boolean(cursor);
  return skip === undefined ? undefined : { skip };
}

function readLatency(reader: YamlReader, cursor: Cursor): LatencyThresholds | undefined {
  const entries = reader.map(cursor, latencyKeys, 'latency thresholds');
  if (!entries) return undefined;
  const ratioAt = entries.get('maxRatio');
  const addedAt = entries.get('maxAddedMs');
  const maxRatio = ratioAt
    ? reader.number(ratioAt, { min: 0, minExclusive: true, hint: 'maxRatio is the most the candidate median may be, as a multiple of the legacy median: 1.5 allows 50% slower.' })
    : undefined;
  const maxAddedMs = addedAt
    ? reader.number(addedAt, { min: 0, hint: 'maxAddedMs is how many milliseconds slower than the legacy median the candidate median may be.' })
    : undefined;
  if ((ratioAt && maxRatio === undefined) || (addedAt && maxAddedMs === undefined)) return undefined;
  return { maxRatio, maxAddedMs };
}
