import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
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
    rows.push({ vars, index: index + 1, source: 'inline', ...(line === undefined ? {} : { line }) });
  });
  return rows.length === items.length ? rows : undefined;
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

function readCsvRows(reader: YamlReader, cursor: Cursor, relative: string, suiteDir: string, root: string): DataRow[] | undefined {
  const absolute = path.resolve(suiteDir, relative);
  const shown = path.relative(root, absolute).split(path.sep).join('/');
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
  const columns = header.record;
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
    rows.push({ vars: Object.fromEntries(columns.map((name, column) => [name, record[column]!])), index: index + 1, source: shown, line: info.lines });
  });
  return ok ? rows : undefined;
}
