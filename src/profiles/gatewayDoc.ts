/**
 * Every gateway difference a profile accepts is written up in `docs/gateway-differences.md`:
 * what each side sends, the rule's name and the public source (WSO2 API Manager, Choreo or Envoy
 * documentation). Rule reasons cite it by anchor, so a user can check each acceptance in a
 * document that ships with the harness.
 */
const gatewayDifferencesDoc = 'docs/gateway-differences.md';

/** `sentence (see docs/gateway-differences.md#anchor)` — the one spelling of a rule's reason. */
export function documented(anchor: string, sentence: string): string {
  return `${sentence} (see ${gatewayDifferencesDoc}#${anchor})`;
}
