import { activeEntries, type PostmanUrl } from './postmanCollection';

/**
 * Where a Postman request goes, relative to the API's base URL. Suites never hold a full URL
 * (each gateway's base comes from the environment), so the base is cut off:
 * - without `--base-url`, a URL that starts with a variable (`{{baseUrl}}/menu`) has that
 *   variable as its base — Postman's own convention;
 * - with `--base-url`, the URL (its leading variable expanded) must start with it.
 */
export interface PostmanTarget {
  path: string;
  query: Record<string, string>;
  /** `:orderId` path variables → their values (`undefined` when the collection gives none). */
  pathVars: Record<string, string | undefined>;
  /** The leading variable cut off as the base, if any. */
  baseVar?: string;
}

export function postmanTarget(url: string | PostmanUrl | undefined, variables: ReadonlyMap<string, string>, baseUrl: string | undefined): PostmanTarget | { skip: string } {
  const raw = rawUrl(url);
  if (!raw) return { skip: 'the request has no URL' };
  const [beforeHash = ''] = raw.split('#');
  const queryAt = beforeHash.indexOf('?');
  const address = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const query: Record<string, string> = {};
  const entries = typeof url === 'object' && url.query ? activeEntries(url.query).map((entry) => [entry.key, entry.value] as const) : [...new URLSearchParams(queryAt < 0 ? '' : beforeHash.slice(queryAt + 1))];
  for (const [key, value] of entries) if (!(key in query)) query[key] = value;

  const relative = cutBase(address, variables, baseUrl);
  if ('skip' in relative) return relative;
  const pathVars: Record<string, string | undefined> = {};
  const given = new Map((typeof url === 'object' ? url.variable ?? [] : []).map((entry) => [String(entry.key ?? ''), entry.value === undefined || entry.value === null || entry.value === '' ? undefined : String(entry.value)]));
  const path = relative.path
    .split('/')
    .map((segment) => {
      const match = /^:([A-Za-z_][\w-]*)$/.exec(segment);
      if (!match) return segment;
      pathVars[match[1]!] = given.get(match[1]!);
      return `{{${match[1]}}}`;
    })
    .join('/');
  return { path: path.startsWith('/') ? path : `/${path}`, query, pathVars, baseVar: relative.baseVar };
}

function rawUrl(url: string | PostmanUrl | undefined): string | undefined {
  if (typeof url === 'string') return url.trim() || undefined;
  if (!url) return undefined;
  if (typeof url.raw === 'string' && url.raw.trim()) return url.raw.trim();
  const host = Array.isArray(url.host) ? url.host.join('.') : url.host ?? '';
  const path = Array.isArray(url.path) ? url.path.join('/') : url.path ?? '';
  return host || path ? `${host}/${path}` : undefined;
}

function cutBase(address: string, variables: ReadonlyMap<string, string>, baseUrl: string | undefined): { path: string; baseVar?: string } | { skip: string } {
  const leading = /^\{\{\s*([^{}]+?)\s*\}\}(.*)$/.exec(address);
  if (!baseUrl) {
    if (leading) return { path: leading[2] || '/', baseVar: leading[1]! };
    return { skip: `the URL ${address} does not start with a base-URL variable such as {{baseUrl}}: pass --base-url <the API's base URL> to cut it off` };
  }
  let full = address;
  if (leading) {
    const value = variables.get(leading[1]!);
    if (value === undefined) return { skip: `the URL starts with {{${leading[1]}}}, which the collection does not define, so it cannot be matched against --base-url ${baseUrl}` };
    full = value + leading[2]!;
  }
  const base = withoutScheme(baseUrl).replace(/\/+$/, '');
  const here = withoutScheme(full);
  if (here.toLowerCase() === base.toLowerCase()) return { path: '/' };
  if (!here.toLowerCase().startsWith(`${base.toLowerCase()}/`)) return { skip: `${full} is not under --base-url ${baseUrl}` };
  return { path: here.slice(base.length), baseVar: leading?.[1] };
}

/** Postman lets a URL omit its scheme; the base matches with or without one. */
function withoutScheme(url: string): string {
  return url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
}

/**
 * Without `--base-url`, a collection whose URLs are all absolute (none starts with a variable)
 * still has one API base: the most common origin, and the path its requests share up to their
 * last segment (`/api/v3` for `/api/v3/pet` and `/api/v3/pet/{{id}}`). Undefined when some URL
 * starts with a variable (Postman's own base convention applies) or none is absolute.
 */
export function inferBaseUrl(urls: Array<string | PostmanUrl | undefined>): string | undefined {
  const parsed: URL[] = [];
  for (const url of urls) {
    const raw = rawUrl(url)?.split(/[?#]/)[0];
    if (!raw) continue;
    if (raw.startsWith('{{')) return undefined;
    try {
      parsed.push(new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`));
    } catch {
      continue;
    }
  }
  if (parsed.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const url of parsed) counts.set(url.origin, (counts.get(url.origin) ?? 0) + 1);
  const origin = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const directories = parsed
    .filter((url) => url.origin === origin)
    .map((url) => decodeURI(url.pathname).split('/').filter(Boolean).slice(0, -1));
  const common: string[] = [];
  for (let i = 0; directories.every((segments) => i < segments.length && segments[i] === directories[0]![i] && !segments[i]!.includes('{{')); i += 1) common.push(directories[0]![i]!);
  return `${origin}${common.length > 0 ? `/${common.join('/')}` : ''}`;
}
