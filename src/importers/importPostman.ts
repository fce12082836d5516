import { slug } from '../baseline/baselinePaths';
import { apiEnvKey } from '../config/variables';
import { assemblePostmanCase } from './assemblePostmanCase';
import type { SuiteDraft } from './caseDraft';
import {
  descriptionText,
  readPostmanCollection,
  readPostmanEnvironment,
  scriptSource,
  type PostmanAuth,
  type PostmanEvent,
  type PostmanItem,
  type PostmanRequest,
} from './postmanCollection';
import { postmanCase, type PostmanCall } from './postmanCase';
import { inferBaseUrl } from './postmanUrl';
import { postmanVariables } from './postmanVariables';
import { meaningfulLines } from './scriptStatements';
import { envReferences } from './envReferences';
import { planPostmanChains } from './planPostmanChains';
import { renderSuite } from './renderSuite';
import type { ImportOptions, ImportResult, SkippedItem, UnconvertedScript } from './types';
import { uniqueName } from './uniqueName';

export interface PostmanImportOptions extends ImportOptions {
  /** A Postman environment export: its values override the collection's variables, as in Postman. */
  environment?: unknown;
  environmentFile?: string;
  /** A Postman globals export (same shape as an environment): the lowest-precedence variables. */
  globals?: unknown;
  globalsFile?: string;
}

interface Group {
  name: string;
  auth: PostmanAuth | null | undefined;
  description?: string;
  scripts: boolean;
  baseVars: Set<string>;
}

/**
 * A Postman collection (v2.0/v2.1) → one suite per top-level folder (sub-folders are flattened
 * into it, their names prefixed to the case names) plus one for requests outside any folder.
 * Requests become cases; a request that uses a value an earlier request's test script captured
 * becomes a step of that request's scenario (Postman's run order). Scripts are never run: their
 * common idioms become captures and expectations, and every other line is listed.
 */
export function importPostman(value: unknown, options: PostmanImportOptions = {}): ImportResult {
  const file = options.sourceFile ?? 'the collection';
  const collection = readPostmanCollection(value, file);
  const title = collection.info.name?.trim() || 'postman';
  const api = options.api ?? (slug(title) || 'api');
  const globals = options.globals === undefined ? undefined : readPostmanEnvironment(options.globals, options.globalsFile ?? 'the globals');
  const environment = options.environment === undefined ? undefined : readPostmanEnvironment(options.environment, options.environmentFile ?? 'the environment');
  const variables = postmanVariables([globals?.values, collection.variable, environment?.values]);

  const skipped: SkippedItem[] = [];
  const notes = new Set<string>();
  // Filled from the finished drafts (see envReferences), not from every name a rewrite considered.
  const credentials = new Set<string>();
  const baseUrl = options.baseUrl ?? inferBaseUrl(requestUrls(collection.item));
  if (baseUrl && !options.baseUrl) notes.add(`No --base-url given and no URL starts with a variable: paths are relative to ${baseUrl}, the base the requests share (pass --base-url to choose another).`);
  const unconverted: UnconvertedScript[] = [...listScripts(title, collection.event)];
  const groups: Group[] = [];
  const calls: Array<{ call: PostmanCall; group: number }> = [];
  let looseGroup: number | undefined;
  // Postman's run order is the collection's order: loose requests and folders interleaved.
  for (const item of collection.item) {
    if (!Array.isArray(item.item)) {
      looseGroup ??= groups.push({ name: title, auth: collection.auth, scripts: false, baseVars: new Set() }) - 1;
      addCalls([{ item, prefix: '', auth: collection.auth }], looseGroup);
      continue;
    }
    const name = item.name?.trim() || 'folder';
    const description = descriptionText(item.description);
    const scripts = [...listScripts(name, item.event)];
    unconverted.push(...scripts);
    const index = groups.push({ name, auth: item.auth ?? collection.auth, description, scripts: scripts.length > 0, baseVars: new Set() }) - 1;
    addCalls(flatten(item.item!, '', item.auth ?? collection.auth, name, unconverted), index);
  }
  function addCalls(entries: Array<{ item: PostmanItem; prefix: string; auth: PostmanAuth | null | undefined }>, group: number): void {
    const target = groups[group]!;
    for (const { item, prefix, auth } of entries) {
      const call = postmanCase(item, `${prefix}${item.name?.trim() || 'request'}`, auth, { variables, baseUrl, skipped, notes, credentials: new Set(), baseVars: target.baseVars }, target.name);
      if (call) calls.push({ call, group });
    }
  }

  const capturedBy = new Map<string, string>();
  const setBy = new Map<string, string>();
  for (const { call } of calls) {
    for (const name of Object.keys(call.captures)) if (!capturedBy.has(name)) capturedBy.set(name, call.item);
    for (const name of Object.keys(call.unconvertedSets)) if (!setBy.has(name)) setBy.set(name, call.item);
    unconverted.push(...call.unconverted);
  }
  const chains = planPostmanChains(calls.map(({ call, group }) => ({ suite: group, reads: [...call.uses.vars.keys()].filter((name) => !(name in call.pathVars)), captures: Object.keys(call.captures) })));

  const collectionScripts = (collection.event ?? []).length > 0 && unconverted.some((line) => line.item === title);
  const drafts = groups.map((group): SuiteDraft => ({
    file: `${slug(api) || 'api'}-${slug(group.name) || 'suite'}`,
    suite: group.name,
    description: group.description,
    api,
    tags: ['postman'],
    header: [],
    vars: {},
    varComments: {},
    cases: [],
  }));
  const caseNames = groups.map(() => new Set<string>());
  for (const chain of chains) {
    const members = chain.map((index) => calls[index]!);
    // A chain lives in the suite of its first request (its producer).
    const group = members[0]!.group;
    const built = assemblePostmanCase(members.map(({ call }) => call), { variables, capturedBy, setBy }, drafts[group]!);
    const folders = [...new Set(members.map((member) => groups[member.group]!.name))];
    if (folders.length > 1) built.comments.push(`Its steps come from the folders ${folders.map((name) => `"${name}"`).join(', ')}.`);
    drafts[group]!.cases.push({ ...built, name: uniqueName(caseNames[group]!, built.name) });
  }

  const fileNames = new Set<string>();
  const files = [];
  for (const [index, draft] of drafts.entries()) {
    if (draft.cases.length === 0) continue;
    const group = groups[index]!;
    draft.file = `${uniqueName(fileNames, draft.file, (base, n) => `${base}-${n}`)}.yaml`;
    draft.header = headerFor(title, file, group.name, group.scripts || collectionScripts, group.baseVars, api);
    const used = envReferences(draft.cases);
    for (const name of used) credentials.add(name);
    if (used.length > 0) draft.header.push(`- Credentials (read from the environment, never written here): ${used.map((name) => `{{env.${name}}}`).join(', ')}.`);
    files.push({ path: draft.file, yaml: renderSuite(draft), cases: draft.cases.length });
  }
  notes.add(`Set LEGACY_API_${apiEnvKey(api)}_URL and CANDIDATE_API_${apiEnvKey(api)}_URL to the API's base URL on each gateway (suites say api: ${api}).`);
  if (unconverted.length > 0) notes.add(`${unconverted.length} script line${unconverted.length === 1 ? ' was' : 's were'} not converted: each file lists them above their case; write a capture or an expectation where they matter.`);
  return { files, skipped, notes: [...notes], unconverted, credentials: [...credentials].sort() };
}

/** Requests of a folder in Postman's run order, sub-folder names prefixed, auth inherited; sub-folder scripts listed. */
function flatten(
  items: PostmanItem[],
  prefix: string,
  auth: PostmanAuth | null | undefined,
  folder: string,
  unconverted: UnconvertedScript[],
): Array<{ item: PostmanItem; prefix: string; auth: PostmanAuth | null | undefined }> {
  return items.flatMap((item) => {
    if (!Array.isArray(item.item)) return [{ item, prefix, auth }];
    const name = `${prefix}${item.name?.trim() || 'folder'}`;
    unconverted.push(...listScripts(`${folder} / ${name}`, item.event));
    return flatten(item.item, `${name} / `, item.auth ?? auth, folder, unconverted);
  });
}

function requestUrls(items: PostmanItem[]): Array<PostmanRequest['url']> {
  return items.flatMap((item) => (Array.isArray(item.item) ? requestUrls(item.item) : [typeof item.request === 'string' ? item.request : item.request?.url]));
}

/** A collection's or folder's own scripts: they would run around every request; none is converted. */
function* listScripts(item: string, events: PostmanEvent[] | undefined): Generator<UnconvertedScript> {
  for (const event of ['prerequest', 'test'] as const) {
    for (const { line, text } of meaningfulLines(scriptSource(events, event))) yield { item, event, line, text: text.trim() };
  }
}

function headerFor(title: string, file: string, group: string, folderScripts: boolean, baseVars: Set<string>, api: string): string[] {
  return [
    `Imported from the Postman collection "${title}" (${file}), folder "${group}", by \`parity import postman\`.`,
    'Review it before committing; re-importing over it needs --force.',
    '- Pre-request and test scripts are NOT run: the harness does not execute JavaScript. Expected',
    '  statuses, JSON values, headers, response times and the variables the test scripts set from',
    '  the response were read from them (`expect`, `latency`, `capture`); each case lists, by',
    '  script line, what was not converted.',
    '- A request that uses a value an earlier request captured is a step of that request\'s case',
    '  (Postman chains requests through variables, suites through steps).',
    ...(folderScripts ? ['- The collection or folder also has scripts of its own: they are not run either.'] : []),
    '- Authorization headers are not copied: each case uses the target\'s configured grant',
    '  (LEGACY_GRANT / CANDIDATE_GRANT), unless it says `auth: none`.',
    `- URLs are relative to the API's base URL${baseVars.size > 0 ? ` (Postman's ${[...baseVars].map((name) => `{{${name}}}`).join(', ')})` : ''}: set`,
    `  LEGACY_API_${apiEnvKey(api)}_URL and CANDIDATE_API_${apiEnvKey(api)}_URL.`,
  ];
}
