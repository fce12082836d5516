import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from '../cli';
import { isSyntaxError, parseApiDocument } from '../contract/parseApiDocument';
import { formatHarnessError, toErrorInfo } from '../errors';
import { ImportError } from '../importers/ImportError';
import { recordHarBaseline } from '../baseline/recordHarBaseline';
import { readHarEntries } from '../importers/harFile';
import { importHar } from '../importers/importHar';
import { importOpenApi } from '../importers/importOpenApi';
import { importPostman } from '../importers/importPostman';
import type { ImportResult } from '../importers/types';
import { writeFileAtomic } from '../shared/writeFileAtomic';
import { loadSuiteFile } from '../suite/loadSuiteFile';

const kinds = ['postman', 'openapi', 'har'] as const;
type ImportKind = (typeof kinds)[number];

export const importCommand: Command = {
  summary: 'turn a Postman collection, an OpenAPI/Swagger document or a HAR capture into suite files',
  usage: 'parity import <postman|openapi|har> <file> [--api NAME] [--base-url URL] [--out DIR] [--all-methods] [--environment FILE] [--globals FILE] [--baseline DIR] [--force]',
  options: {
    api: { type: 'string' },
    'base-url': { type: 'string' },
    out: { type: 'string' },
    'all-methods': { type: 'boolean' },
    environment: { type: 'string' },
    globals: { type: 'string' },
    baseline: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    const [kind, file, ...extra] = positionals;
    if (!kind || !kinds.includes(kind as ImportKind) || !file || extra.length > 0) {
      io.stderr.write(`parity import: ${!kind || !kinds.includes(kind as ImportKind) ? `the first argument is what to import: ${kinds.join(', ')}` : !file ? 'which file? Give its path after the kind' : `unexpected arguments: ${extra.join(' ')}`}\n\nusage: ${importCommand.usage}\n`);
      return 2;
    }
    const source = path.resolve(io.cwd, file);
    const shown = path.relative(io.cwd, source).split(path.sep).join('/');
    const common = {
      sourceFile: shown,
      api: typeof values.api === 'string' ? values.api : undefined,
      baseUrl: typeof values['base-url'] === 'string' ? values['base-url'] : undefined,
    };
    let result: ImportResult;
    switch (kind as ImportKind) {
      case 'postman': {
        const environment = typeof values.environment === 'string' ? readInput(path.resolve(io.cwd, values.environment), values.environment, 'json') : undefined;
        const globals = typeof values.globals === 'string' ? readInput(path.resolve(io.cwd, values.globals), values.globals, 'json') : undefined;
        result = importPostman(readInput(source, shown, 'json'), {
          ...common,
          environment,
          environmentFile: typeof values.environment === 'string' ? values.environment : undefined,
          globals,
          globalsFile: typeof values.globals === 'string' ? values.globals : undefined,
        });
        break;
      }
      case 'openapi':
        result = importOpenApi(readInput(source, shown, 'yaml'), { ...common, allMethods: values['all-methods'] === true });
        break;
      case 'har': {
        const har = readInput(source, shown, 'json');
        result = importHar(har, common);
        const written = await writeResult(result, path.resolve(io.cwd, typeof values.out === 'string' ? values.out : 'suites'), values.force === true, io);
        if (typeof values.baseline !== 'string' || written.code !== 0) return written.code;
        return writeHarBaseline(har, shown, written.files, values.baseline, common, io);
      }
      default:
        throw new Error(`unknown import kind ${kind}`);
    }
    if (typeof values.baseline === 'string') {
      io.stderr.write('parity import: --baseline is for HAR captures (their recorded answers become the legacy baseline)\n');
      return 2;
    }
    return (await writeResult(result, path.resolve(io.cwd, typeof values.out === 'string' ? values.out : 'suites'), values.force === true, io)).code;
  },
};

function readInput(file: string, shown: string, format: 'json' | 'yaml'): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ImportError(`cannot read ${shown}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message}`, { file: shown });
  }
  // Windows tools save UTF-8 with a byte-order mark; JSON.parse would stop at it, invisibly.
  const source = text.replace(/^\uFEFF/, '');
  if (format === 'yaml') {
    // YAML is a superset of JSON: OpenAPI documents come in both, parsed as tolerantly as js-yaml.
    const parsed = parseApiDocument(source);
    if (isSyntaxError(parsed)) throw new ImportError(`${shown} is not YAML or JSON: ${parsed.message}`, { file: shown, line: parsed.line, column: parsed.column });
    return parsed.value;
  }
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    throw new ImportError(`${shown} is not JSON: ${(error as Error).message}`, { file: shown, hint: 'Export it again from the tool that made it; a HAR or Postman export is one JSON document.' });
  }
}

/** Writes each file (never over an existing one without --force), proves it loads, and says what happened. */
async function writeResult(result: ImportResult, outDir: string, force: boolean, io: Parameters<Command['run']>[1]): Promise<{ code: number; files: string[] }> {
  const relative = (file: string) => path.relative(io.cwd, file).split(path.sep).join('/');
  let problems = 0;
  const files: string[] = [];
  for (const file of result.files) {
    const target = path.join(outDir, file.path);
    if (existsSync(target) && !force) {
      io.stdout.write(`  kept     ${relative(target)}: it exists (pass --force to overwrite it)\n`);
      problems += 1;
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFileAtomic(target, file.yaml);
    try {
      loadSuiteFile(target, { root: io.cwd });
      files.push(target);
      io.stdout.write(`  wrote    ${relative(target)} (${file.cases} case${file.cases === 1 ? '' : 's'})\n`);
    } catch (error) {
      io.stdout.write(`  wrote    ${relative(target)}, but it does not load — please report this importer bug:\n    ${formatHarnessError(toErrorInfo(error)).replace(/\n/g, '\n    ')}\n`);
      problems += 1;
    }
  }
  for (const item of result.skipped) io.stdout.write(`  skipped  ${item.item}: ${item.reason}\n`);
  for (const line of result.unconverted ?? []) io.stdout.write(`  script   ${line.item} (${line.event} script line ${line.line}), not converted: ${line.text}\n`);
  if (result.files.length === 0) io.stdout.write('  nothing to write: no request could become a case\n');
  for (const note of result.notes) io.stdout.write(`  next:    ${note}\n`);
  return { code: problems > 0 || result.files.length === 0 ? 2 : 0, files };
}

/** `--baseline DIR`: the capture's answers become a legacy baseline, in `parity record`'s format. */
async function writeHarBaseline(har: unknown, shown: string, files: string[], dir: string, options: { api?: string; baseUrl?: string }, io: Parameters<Command['run']>[1]): Promise<number> {
  const suite = loadSuiteFile(files[0]!, { root: io.cwd });
  const api = options.api ?? suite.api ?? suite.cases[0]?.steps[0]?.api ?? 'api';
  const { summary, dir: absolute } = await recordHarBaseline({ root: io.cwd, files, entries: readHarEntries(har, shown), baseUrl: options.baseUrl!, api, dir });
  const shownDir = path.relative(io.cwd, absolute).split(path.sep).join('/') || '.';
  io.stdout.write(`  baseline ${shownDir}: ${summary.recordedCases.length} case${summary.recordedCases.length === 1 ? '' : 's'} recorded from the capture (${summary.filesWritten} files, ${summary.manifestFile})\n`);
  for (const missing of summary.notRecorded) io.stdout.write(`  not recorded ${missing.caseId}: ${missing.error.message}\n`);
  io.stdout.write(`  next:    replay it with \`parity run --legacy-baseline ${shownDir}\` (or LEGACY_BASELINE=${shownDir}): the candidate is compared with what the capture recorded.\n`);
  return summary.notRecorded.length > 0 ? 2 : 0;
}
