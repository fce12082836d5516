/**
 * The one precedence rule: CLI flag > process environment > env file > defaults.
 * `undefined` never overrides, and neither does an empty string (`LEGACY_SCOPE=` in a file
 * written from env/example.env means "not set"). Within the env-file level, the git-ignored
 * `env/<name>.local.env` comes before `env/<name>.env`.
 */
type LayerKind = 'flag' | 'process' | 'file';
const precedence: readonly LayerKind[] = ['flag', 'process', 'file'];

export interface ValueLayer {
  kind: LayerKind;
  values: Readonly<Record<string, string | undefined>>;
  /** For `file` layers: the file (relative to the root) and the line of each name. */
  file?: string;
  lines?: Readonly<Record<string, number>>;
  /** For the `flag` layer: the flag spelling of each variable (`PARITY_CONCURRENCY` → `--concurrency`). */
  flags?: Readonly<Record<string, string>>;
}

export type ValueOrigin = { kind: 'flag'; flag: string } | { kind: 'process' } | { kind: 'file'; file: string; line?: number };

export interface ResolvedValue {
  name: string;
  value: string;
  origin: ValueOrigin;
}

/** Orders layers by the rule; layers of one kind keep the order they were given in. */
function orderLayers(layers: readonly ValueLayer[]): ValueLayer[] {
  return precedence.flatMap((kind) => layers.filter((layer) => layer.kind === kind));
}

/** The winning value of `name`, or undefined when no layer sets it (the caller's default applies). */
export function resolveValue(layers: readonly ValueLayer[], name: string): ResolvedValue | undefined {
  for (const layer of orderLayers(layers)) {
    const value = layer.values[name];
    if (value === undefined || value === '') continue;
    return { name, value, origin: originOf(layer, name) };
  }
  return undefined;
}

function originOf(layer: ValueLayer, name: string): ValueOrigin {
  switch (layer.kind) {
    case 'flag':
      return { kind: 'flag', flag: layer.flags?.[name] ?? name };
    case 'process':
      return { kind: 'process' };
    case 'file': {
      const line = layer.lines?.[name];
      return { kind: 'file', file: layer.file ?? 'env file', line };
    }
    default: {
      const never: never = layer.kind;
      throw new Error(`unknown layer kind ${String(never)}`);
    }
  }
}

/** `env/staging.env:7 LEGACY_GRANT`, `LEGACY_GRANT (process environment)` or `--concurrency`. */
export function describeOrigin(name: string, origin: ValueOrigin): string {
  switch (origin.kind) {
    case 'flag':
      return origin.flag;
    case 'process':
      return `${name} (process environment)`;
    case 'file':
      return `${origin.file}${origin.line === undefined ? '' : `:${origin.line}`} ${name}`;
    default: {
      const never: never = origin;
      throw new Error(`unknown origin ${JSON.stringify(never)}`);
    }
  }
}

/** Every name any layer sets (non-empty), for pattern variables such as `LEGACY_API_<NAME>_URL`. */
export function namesInLayers(layers: readonly ValueLayer[]): string[] {
  const names = new Set<string>();
  for (const layer of layers) for (const [name, value] of Object.entries(layer.values)) if (value !== undefined && value !== '') names.add(name);
  return [...names].sort();
}
