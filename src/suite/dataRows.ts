import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { resolveInsideRoot } from './resolveInsideRoot';
import { variableNamePattern } from './schema';
import type { Cursor, YamlReader } from './yamlReader';

/** One row of a data-driven case: its values become case vars. */
export interface DataRow {
  vars: Record<string, unknown>;
  /** 1-based row number (not counting a CSV header). */
  index: number;
  /** Where the row came from: `inline` or the CSV path relative to the project root. */
  source: string;
  /** Line of the row in its source (CSV line, or the suite line of an inline row). */
  line?: number;
}

const eachHint = 'each: is a CSV file path (relative to the suite file\'s folder, first line = column names) or a list of mappings, one per case.';

/** Reads `each:`; reports problems and returns undefined when the rows cannot be used. */
export function readDataRows(reader: YamlReader, cursor: Cursor, suiteDir: string, root: string): DataRow[] | undefined {
  const kind = reader.kind(cursor);
  if (kind === 'string') return readCsvRows(reader, cursor, reader.string(cursor)!, suiteDir, root);
  if (kind !== 'list') return reader.fail(cursor, `expected a CSV path or a list of rows, found ${reader.describe(cursor)}`, eachHint);
  const items = reader.list(cursor, 'data rows')!;
  if (items.length === 0) return reader.fail(cursor, 'each: lists no rows', eachHint);
  const rows: DataRow[] = [];
  items.forEach((item, index) => {
    const entries = reader.freeMap(item, 'one data row: variable name → value');
    if (!entries) return;
    const vars: Record<string, unknown> = {};
    for (const { key, cursor: at } of entries) {
      if (!variableNamePattern.test(key)) {
        reader.failAtKey(item, at.keyNode, `"${key}" cannot be a variable name`, 'Variable names start with a letter or "_" and hold letters, digits, "_" or "-".');
        continue;
      }
      vars[key] = reader.plain(at);
    }
    const line = reader.line(item);
    rows.push({ vars, index: index + 1, source: 'inline', line });
  });
  return rows.length === items.length ? rows : undefined;
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

function readCsvRows(reader: YamlReader, cursor: Cursor, relative: string, suiteDir: string, root: string): DataRow[] | undefined {
  const resolved = resolveInsideRoot(root, suiteDir, relative);
  if ('problem' in resolved) return reader.fail(cursor, `data file ${resolved.problem}: it is not read`, resolved.hint);
  const { absolute, shown } = resolved;
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return reader.fail(cursor, code === 'ENOENT' ? `data file ${shown} does not exist` : `cannot read data file ${shown}: ${(error as Error).message}`, eachHint);
  }
  let records: CsvRecord[];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: true }) as unknown as CsvRecord[];
  } catch (error) {
    return reader.fail(cursor, `data file ${shown} is not valid CSV: ${(error as Error).message}`, 'Quote values that hold commas or quotes ("a, b"), and double quotes inside them ("say ""hi""").');
  }
  const [header, ...data] = records;
  if (!header) return reader.fail(cursor, `data file ${shown} is empty`, eachHint);
  const typed = header.record.map(parseColumn);
  const unknownType = typed.find((column) => column.type === undefined);
  if (unknownType) {
    return reader.fail(cursor, `${shown}:${header.info.lines} column "${unknownType.header}" has an unknown type`, `Write a column as name or name:type, with type one of ${csvColumnTypes.join(', ')}.`);
  }
  const columns = typed.map((column) => column.name);
  const bad = columns.filter((name) => !variableNamePattern.test(name));
  if (bad.length) return reader.fail(cursor, `${shown}:${header.info.lines} column name${bad.length > 1 ? 's' : ''} ${bad.map((name) => `"${name}"`).join(', ')} cannot be used as variables`, 'Column names start with a letter or "_" and hold letters, digits, "_" or "-".');
  const duplicate = columns.find((name, index) => columns.indexOf(name) !== index);
  if (duplicate) return reader.fail(cursor, `${shown}:${header.info.lines} column "${duplicate}" appears twice in the header`);
  if (data.length === 0) return reader.fail(cursor, `data file ${shown} has a header but no rows`, eachHint);

  const rows: DataRow[] = [];
  let ok = true;
  data.forEach(({ record, info }, index) => {
    const where = `${shown}:${info.lines} row ${index + 1}`;
    if (record.length < columns.length) {
      const missing = columns.slice(record.length);
      ok = reader.fail(cursor, `${where} is missing column${missing.length > 1 ? 's' : ''} ${missing.map((name) => `"${name}"`).join(', ')} (${record.length} of ${columns.length} values)`, 'Every row needs a value for each header column; leave a value empty with ",," rather than dropping it.') ?? false;
      return;
    }
    if (record.length > columns.length) {
      ok = reader.fail(cursor, `${where} has ${record.length} values but the header names ${columns.length} columns`, 'Quote values that contain commas.') ?? false;
      return;
    }
    const vars: Record<string, unknown> = {};
    for (const [column, { name, type }] of typed.entries()) {
      const converted = convertCell(record[column]!, type!);
      if ('problem' in converted) {
        ok = reader.fail(cursor, `${where} column "${name}": ${converted.problem}`, `The header declares "${name}:${type}"; change the value or the column's type.`) ?? false;
        return;
      }
      vars[name] = converted.value;
    }
    rows.push({ vars, index: index + 1, source: shown, line: info.lines });
  });
  return ok ? rows : undefined;
}

/**
 * CSV cells are text. A JSON body often needs a number or a boolean, so a header may declare a
 * column's type — `quantity:number` — instead of the loader guessing (a zip code like 01234 must
 * stay text).
 */
const csvColumnTypes = ['string', 'number', 'boolean', 'json'] as const;
type CsvColumnType = (typeof csvColumnTypes)[number];

function parseColumn(header: string): { header: string; name: string; type: CsvColumnType | undefined } {
  const [name, type] = header.split(':', 2) as [string, string | undefined];
  if (type === undefined) return { header, name, type: 'string' };
  const known = csvColumnTypes.find((candidate) => candidate === type.trim().toLowerCase());
  return { header, name: name.trim(), type: known };
}

function convertCell(cell: string, type: CsvColumnType): { value: unknown } | { problem: string } {
  switch (type) {
    case 'string':
      return { value: cell };
    case 'number': {
      const value = Number(cell);
      return cell.trim() !== '' && Number.isFinite(value) ? { value } : { problem: `"${cell}" is not a number` };
    }
    case 'boolean':
      return /^(true|false)$/i.test(cell) ? { value: cell.toLowerCase() === 'true' } : { problem: `"${cell}" is not true or false` };
    case 'json':
      try {
        return { value: JSON.parse(cell) as unknown };
      } catch (error) {
        return { problem: `is not JSON (${(error as Error).message})` };
      }
    default: {
      const never: never = type;
      return { problem: `unknown type ${String(never)}` };
    }
  }
}
