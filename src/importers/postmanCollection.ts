import { ImportError } from './ImportError';

/**
 * The parts of a Postman collection (v2.0 / v2.1 format) the importer reads. Postman exports are
 * loose (a URL is a string or an object, a header list may be a string), so every field is optional
 * and read defensively.
 */
export interface PostmanCollection {
  info: { name?: string; schema?: string; description?: unknown };
  item: PostmanItem[];
  variable?: PostmanKeyValue[];
  auth?: PostmanAuth | null;
  event?: PostmanEvent[];
}

export interface PostmanItem {
  name?: string;
  description?: unknown;
  item?: PostmanItem[];
  request?: PostmanRequest | string;
  response?: Array<{ code?: number }>;
  event?: PostmanEvent[];
  auth?: PostmanAuth | null;
}

export interface PostmanRequest {
  method?: string;
  header?: PostmanKeyValue[] | string;
  url?: string | PostmanUrl;
  body?: PostmanBody;
  auth?: PostmanAuth | null;
  description?: unknown;
}

export interface PostmanUrl {
  raw?: string;
  host?: string[] | string;
  path?: string[] | string;
  query?: PostmanKeyValue[];
  variable?: PostmanKeyValue[];
}

interface PostmanBody {
  mode?: string;
  raw?: string;
  urlencoded?: PostmanKeyValue[];
  graphql?: { query?: string; variables?: string };
  options?: { raw?: { language?: string } };
  disabled?: boolean;
}

export interface PostmanKeyValue {
  key?: string | null;
  value?: unknown;
  disabled?: boolean;
  /** Environment files: `enabled: false` instead of `disabled`. */
  enabled?: boolean;
  type?: string;
}

export interface PostmanAuth {
  type?: string;
}

export interface PostmanEvent {
  listen?: string;
  script?: { exec?: string[] | string };
}

/** A Postman environment export: `{ name, values: [{ key, value, enabled, type }] }`. */
export interface PostmanEnvironment {
  name?: string;
  values?: PostmanKeyValue[];
}

export function readPostmanCollection(value: unknown, file: string): PostmanCollection {
  const collection = value as Partial<PostmanCollection> | null;
  // Newman runs collections without `info` (its own test fixtures have none): only `item` is required.
  if (typeof collection !== 'object' || collection === null || !Array.isArray(collection.item) || (collection.info !== undefined && (typeof collection.info !== 'object' || collection.info === null))) {
    throw new ImportError(`${file} is not a Postman collection: it needs "item" (and "info", when given, must be an object)`, {
      file,
      hint: 'In Postman: Collection → … → Export → "Collection v2.1". Swagger/OpenAPI files go to `parity import openapi`, HAR files to `parity import har`.',
    });
  }
  collection.info ??= {};
  const schema = collection.info.schema ?? '';
  if (schema && !/\/v2\.[01]\.\d+\//.test(schema)) {
    throw new ImportError(`${file} uses Postman schema ${schema}; this importer reads collection format v2.0 and v2.1`, {
      file,
      hint: 'Open the collection in a current Postman and export it again as "Collection v2.1".',
    });
  }
  return collection as PostmanCollection;
}

export function readPostmanEnvironment(value: unknown, file: string): PostmanEnvironment {
  const environment = value as PostmanEnvironment | null;
  if (typeof environment !== 'object' || environment === null || !Array.isArray(environment.values)) {
    throw new ImportError(`${file} is not a Postman environment: it needs "values"`, { file, hint: 'In Postman: Environments → … → Export.' });
  }
  return environment;
}

/** Entries that Postman would send: not `disabled`, not `enabled: false`, with a key. */
export function activeEntries(list: PostmanKeyValue[] | undefined): Array<{ key: string; value: string; type?: string }> {
  return (list ?? [])
    .filter((entry) => entry.disabled !== true && entry.enabled !== false && typeof entry.key === 'string' && entry.key !== '')
    .map((entry) => ({ key: entry.key as string, value: entry.value === undefined || entry.value === null ? '' : String(entry.value), type: entry.type }));
}

/**
 * Script lines of one kind of event, numbered as the export holds them (line 1 is the first
 * entry of `exec`), so a message can point at the line a person sees in Postman's editor.
 */
export function scriptSource(events: PostmanEvent[] | undefined, listen: 'prerequest' | 'test'): Array<{ line: number; text: string }> {
  const lines: Array<{ line: number; text: string }> = [];
  for (const event of Array.isArray(events) ? events : []) {
    if (typeof event !== 'object' || event === null || event.listen !== listen) continue;
    const exec = event.script?.exec;
    const all = Array.isArray(exec) ? exec : typeof exec === 'string' ? exec.split('\n') : [];
    // A second event of the same kind continues the numbering after the first.
    const offset = lines.length === 0 ? 0 : lines[lines.length - 1]!.line;
    all.forEach((text, index) => lines.push({ line: offset + index + 1, text: typeof text === 'string' ? text : '' }));
  }
  return lines;
}

/** Postman descriptions are a string or `{ content, type }`. */
export function descriptionText(description: unknown): string | undefined {
  if (typeof description === 'string') return description.trim() || undefined;
  if (typeof description === 'object' && description !== null && typeof (description as { content?: unknown }).content === 'string') {
    return ((description as { content: string }).content).trim() || undefined;
  }
  return undefined;
}
