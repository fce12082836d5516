import { formatHarnessError } from '../errors';
import type { TokenParityResult } from '../model/result';

/** Token parity for people: the error or the regressions first, then what both sides issued. */
export function formatTokenParity(result: TokenParityResult): string {
  const lines: string[] = [];
  if (result.error) lines.push(`Harness error — ${formatHarnessError(result.error)}`);
  const regressions = result.findings.filter((f) => f.disposition === 'regression');
  for (const f of regressions) lines.push(`✗ ${f.rule}: ${f.reason} (legacy: ${JSON.stringify(f.legacy)}, candidate: ${JSON.stringify(f.candidate)})`);
  for (const f of result.findings.filter((x) => x.disposition !== 'regression')) lines.push(`  ${f.disposition}:${f.rule} — ${f.reason}`);
  const side = (name: string, s: TokenParityResult['legacy'] & { signature?: string; issuer?: string }) =>
    `  ${name}: ${s.format}, type ${s.tokenType ?? '?'}, scopes [${s.scopes.join(' ')}], expires_in ${s.expiresIn ?? '?'}${s.signature ? `, signature ${s.signature}` : ''}${s.issuer ? `, iss ${s.issuer}` : ''}`;
  lines.push(side('legacy', result.legacy), side('candidate', result.candidate));
  return lines.join('\n');
}
