/**
 * A valid suite variable name (`[A-Za-z_][\w-]*`) for a name from another tool:
 * `order.id` → `order_id`, `2fa` → `_2fa`.
 */
export function suiteVarName(name: string): string {
  let out = name.replace(/[^\w-]/g, '_');
  if (!/^[A-Za-z_]/.test(out)) out = `_${out}`;
  // `env` is the suite's reserved namespace and `base` means the API base URL in expectations.
  if (out === 'env' || out === 'base') out = `${out}_`;
  return out;
}
