import { documented } from '../profiles/gatewayDoc';

/**
 * Every absolute URL a backend or gateway writes into a response differs by its base (facts §2:
 * `https://gateway.api.cloud.wso2.com/t/<org>/<context>/<version>` vs
 * `https://<uuid>-<env>.<dataplane>.choreoapis.dev/<project>/<component>/<endpoint>/<version>`).
 * Each side's base becomes one placeholder. A path-only reference to the base path
 * (`/t/org/pizzashack/1.0.0/order/1`, at the start of a value or inside `<…>` of a Link header)
 * is rewritten too.
 */
const basePlaceholder = '{{base}}';
export const baseRule = 'url.base-rewrite';
export const baseFact = documented('url-base-rewrite', 'each platform serves the API under its own base URL; both bases are rewritten to {{base}}');

/** What may follow the base for it to be the base and not the start of a longer segment. */
const boundary = `(?=$|[/?#\\s"'<>;,)\\]])`;

export interface BaseRewriter {
  readonly baseUrl: string;
  rewrite(text: string): string;
}

/** Rewriters by base URL: a run has a handful of bases, and each used to compile two RegExps per step and side. */
const rewriters = new Map<string, BaseRewriter>();

/** The rewriter of one base URL; built once per base and shared (it holds no state between calls). */
export function baseRewriter(baseUrl: string): BaseRewriter {
  let rewriter = rewriters.get(baseUrl);
  if (!rewriter) {
    rewriter = buildRewriter(baseUrl);
    // Bounded: a suite that templates a different base into every case must not grow it forever.
    if (rewriters.size >= 256) rewriters.clear();
    rewriters.set(baseUrl, rewriter);
  }
  return rewriter;
}

function buildRewriter(baseUrl: string): BaseRewriter {
  const trimmed = baseUrl.replace(/\/+$/, '');
  if (trimmed === '') return { baseUrl, rewrite: (text) => text };
  const absolute = new RegExp(`${escapeRegExp(trimmed)}${boundary}`, 'g');
  const basePath = pathOf(trimmed);
  const pathOnly = basePath ? new RegExp(`(^|<)${escapeRegExp(basePath)}(?=$|[/?#>])`, 'g') : undefined;
  return {
    baseUrl,
    rewrite(text: string): string {
      let out = text.includes(trimmed) ? text.replace(absolute, basePlaceholder) : text;
      if (pathOnly && basePath && out.includes(basePath)) out = out.replace(pathOnly, (_all, lead: string) => `${lead}${basePlaceholder}`);
      return out;
    },
  };
}

function pathOf(url: string): string | undefined {
  try {
    const path = new URL(url).pathname.replace(/\/+$/, '');
    return path === '' ? undefined : path;
  } catch {
    return undefined;
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
