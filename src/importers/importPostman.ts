import { slug } from '../baseline/baselinePaths';
import { apiEnvKey } from '../config/variables';
import type { SuiteDraft } from './caseDraft';
import {
  activeEntries,
  descriptionText,
  readPostmanCollection,
  readPostmanEnvironment,
  scriptLines,
  type PostmanAuth,
  type PostmanItem,
} from './postmanCollection';
import { postmanCase, type PostmanContext } from './postmanCase';
import { renderSuite } from './renderSuite';
import type { ImportOptions, ImportResult, SkippedItem } from './types';
import { uniqueName } from './uniqueName';

export interface PostmanImportOptions extends ImportOptions {
  /** A Postman environment export: its values override the collection's variables, as in Postman. */
  environment?: unknown;
  environmentFile?: string;
}

/**
 * A Postman collection (v2.0/v2.1) → one suite per top-level folder (sub-folders are flattened
 * into it, their names prefixed to the case names) plus one for requests outside any folder.
 * Requests become cases; scripts are not run, and every file says so.
 */
export function importPostman(value: unknown, options: PostmanImportOptions = {}): ImportResult {
  const file = options.sourceFile ?? 'the collection';
  const collection = readPostmanCollection(value, file);
  const title = collection.info.name?.trim() || 'postman';
  const api = options.api ?? (slug(title) || 'api');
  const variables = new Map<string, string>();
  for (const entry of activeEntries(collection.variable)) variables.set(entry.key, entry.value);
  if (options.environment !== undefined) {
    const environment = readPostmanEnvironment(options.environment, options.environmentFile ?? 'the environment');
    for (const entry of activeEntries(environment.values)) variables.set(entry.key, entry.value);
  }

  const skipped: SkippedItem[] = [];
  const notes = new Set<string>();
  const groups: Array<{ name: string; items: PostmanItem[]; auth: PostmanAuth | null | undefined; description?: string; scripts: boolean }> = [];
  const loose = collection.item.filter((item) => !Array.isArray(item.item));
  if (loose.length > 0) groups.push({ name: title, items: loose, auth: collection.auth, scripts: false });
  for (const folder of collection.item.filter((item) => Array.isArray(item.item))) {
    const description = descriptionText(folder.description);
    groups.push({
      name: folder.name?.trim() || 'folder',
      items: folder.item!,
      auth: folder.auth ?? collection.auth,
      ...(description ? { description } : {}),
      scripts: scriptLines(folder.event, 'prerequest').length + scriptLines(folder.event, 'test').length > 0,
    });
  }
  const collectionScripts = scriptLines(collection.event, 'prerequest').length + scriptLines(collection.event, 'test').length > 0;
  const fileNames = new Set<string>();
  const files = [];
  // Postman variables are collection-wide: a value one folder's script sets, another folder uses.
  const capturedBy = new Map<string, string>();
  for (const group of groups) {
    const context: PostmanContext = { variables, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), skipped, notes, capturedBy, baseVars: new Set() };
    const draft: SuiteDraft = {
      file: uniqueName(fileNames, `${slug(api) || 'api'}-${slug(group.name) || 'suite'}`, (base, n) => `${base}-${n}`) + '.yaml',
      suite: group.name,
      ...(group.description ? { description: group.description } : {}),
      api,
      tags: ['postman'],
      header: [],
      vars: {},
      varComments: {},
      cases: [],
    };
    const names = new Set<string>();
    for (const { item, prefix, auth } of flatten(group.items, '', group.auth)) {
      const built = postmanCase(item, `${prefix}${item.name?.trim() || 'request'}`, auth, context, draft);
      if (built) draft.cases.push({ ...built, name: uniqueName(names, built.name) });
    }
    if (draft.cases.length === 0) continue;
    draft.header = headerFor(title, file, group.name, group.scripts || collectionScripts, context.baseVars, api);
    files.push({ path: draft.file, yaml: renderSuite(draft), cases: draft.cases.length });
  }
  notes.add(`Set LEGACY_API_${apiEnvKey(api)}_URL and CANDIDATE_API_${apiEnvKey(api)}_URL to the API's base URL on each gateway (suites say api: ${api}).`);
  return { files, skipped, notes: [...notes] };
}

/** Requests of a folder in Postman's run order, sub-folder names prefixed, auth inherited. */
function flatten(items: PostmanItem[], prefix: string, auth: PostmanAuth | null | undefined): Array<{ item: PostmanItem; prefix: string; auth: PostmanAuth | null | undefined }> {
  return items.flatMap((item) =>
    Array.isArray(item.item) ? flatten(item.item, `${prefix}${item.name?.trim() || 'folder'} / `, item.auth ?? auth) : [{ item, prefix, auth }],
  );
}

function headerFor(title: string, file: string, group: string, folderScripts: boolean, baseVars: Set<string>, api: string): string[] {
  return [
    `Imported from the Postman collection "${title}" (${file}), folder "${group}", by \`parity import postman\`.`,
    'Review it before committing; re-importing over it needs --force.',
    '- Pre-request and test scripts are NOT run: the harness does not execute JavaScript. Expected',
    '  statuses and variables the test scripts set from the response were read from them as',
    '  `expect.status` and `capture:`; each case says what was not converted.',
    ...(folderScripts ? ['- The collection or folder also has scripts of its own: they are not run either.'] : []),
    '- Authorization headers are not copied: each case uses the target\'s configured grant',
    '  (LEGACY_GRANT / CANDIDATE_GRANT), unless it says `auth: none`.',
    `- URLs are relative to the API's base URL${baseVars.size > 0 ? ` (Postman's ${[...baseVars].map((name) => `{{${name}}}`).join(', ')})` : ''}: set`,
    `  LEGACY_API_${apiEnvKey(api)}_URL and CANDIDATE_API_${apiEnvKey(api)}_URL.`,
  ];
}
