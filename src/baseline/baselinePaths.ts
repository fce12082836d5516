import path from 'node:path';

/**
 * Where one call of one case lives inside a baseline folder:
 *
 *   <baseline dir>/<suite-file-slug>/<case-slug>/step-<n>-call-<k>.json
 *
 * `n` and `k` count from 0 like `CallKey` (call 1 is the noise-baseline repeat). Paths inside a
 * baseline are always `/`-separated and relative to the baseline folder, so a manifest written on
 * Windows replays on Linux and its git diffs read the same everywhere.
 */
export const manifestFileName = 'manifest.json';

/** `suites/menu.yaml#list the menu` → `menu/list-the-menu`. */
export function caseFolder(caseId: string): string {
  const hash = caseId.indexOf('#');
  const suiteFile = hash < 0 ? caseId : caseId.slice(0, hash);
  const caseName = hash < 0 ? '' : caseId.slice(hash + 1);
  return `${suiteSlug(suiteFile)}/${slug(caseName) || 'case'}`;
}

export function callFile(caseId: string, stepIndex: number, call: number): string {
  return `${caseFolder(caseId)}/step-${stepIndex}-call-${call}.json`;
}

/** `suites/orders/v2.yaml` → `orders-v2`: the suite file relative to `suites/`, without its extension. */
function suiteSlug(suiteFile: string): string {
  const bare = suiteFile.replace(/^suites\//, '').replace(/\.ya?ml$/i, '');
  return slug(bare) || 'suite';
}

/** Lower-case ASCII words joined by `-`: readable folder names that are the same on every OS. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** How messages and reports name a baseline folder: relative to the project root when inside it. */
export function shownFolder(dir: string, root: string): string {
  const relative = path.relative(root, dir);
  const shown = relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative;
  return shown.split(path.sep).join('/');
}

/** A file inside a shown folder: `baselines/sandbox` + `menu/x.json`, or just `menu/x.json` for `.`. */
export function inFolder(shown: string, relative: string): string {
  return shown === '.' ? relative : `${shown}/${relative}`;
}
