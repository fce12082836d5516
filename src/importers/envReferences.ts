/**
 * The `{{env.NAME}}` names a suite draft really holds: what its header lists as credentials and
 * the import result marks, so the run can treat the values behind them as secrets. Read from the
 * finished draft, so a reference that was replaced later (a secret-named query value whose own
 * template was also a variable) is never listed.
 */
export function envReferences(value: unknown): string[] {
  const names = new Set<string>();
  for (const match of JSON.stringify(value).matchAll(/\{\{env\.([A-Za-z_][A-Za-z0-9_]*)\}\}/g)) names.add(match[1]!);
  return [...names].sort();
}
