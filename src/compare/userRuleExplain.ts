import { jsonPathMatches, jsonPathMatchesExactly, type PathKey } from '../model/jsonPath';
import type { Difference } from '../model/result';
import { jsonDeepEqual } from './diff/jsonDeepEqual';
import { hasRelated, toDifference, type Finding } from './findings';
import { describeOrigin, type CompiledRules } from './userRules';

/**
 * Normalized differences that the user's ignore / match / array / header rules erased: each is
 * accepted by the rule that applies at its path (`user.ignore:$.x`, `user.match:uuid`,
 * `user.array:any-order`, `user.ignore:header:server`, `user.must-exist:header:location`).
 */
export function erasedByUserRules(normalized: readonly Finding[], viewed: readonly Finding[], rules: CompiledRules): Difference[] {
  return normalized
    .filter((finding) => !hasRelated(finding, viewed))
    .map((finding) => {
      const explanation = finding.area === 'header' ? headerRule(finding, rules) : bodyRule(finding.keys ?? [], rules);
      return toDifference(finding, 'accepted', explanation?.rule ?? 'user.rules', explanation?.reason ?? 'erased by the step\'s user rules');
    });
}

interface Explanation {
  rule: string;
  reason: string;
}

function bodyRule(keys: readonly PathKey[], rules: CompiledRules): Explanation | undefined {
  const ignore = rules.ignore.find((rule) => jsonPathMatches(rule.pattern, keys));
  if (ignore) return { rule: `user.ignore:${ignore.path}`, reason: `ignored by ${describeOrigin(ignore.origin)}` };
  const match = [...rules.match].reverse().find((rule) => jsonPathMatchesExactly(rule.pattern, keys));
  if (match) return { rule: `user.match:${match.matcher.type}`, reason: `both values match ${match.matcher.type} at ${match.path} (${describeOrigin(match.origin)})` };
  for (let depth = keys.length; depth >= 0; depth -= 1) {
    const prefix = keys.slice(0, depth);
    const array = [...rules.arrays].reverse().find((rule) => jsonPathMatchesExactly(rule.pattern, prefix));
    if (array) {
      const policy = array.policy.kind === 'by-key' ? `by-key:${array.policy.key}` : array.policy.kind;
      return { rule: `user.array:${policy}`, reason: `array ${array.path} compared ${policy} (${describeOrigin(array.origin)})` };
    }
  }
  return undefined;
}

function headerRule(finding: Finding, rules: CompiledRules): Explanation | undefined {
  const name = finding.path.slice('header:'.length);
  const entry = rules.headers.get(name);
  if (!entry) return undefined;
  const rule = entry.rule === 'ignore' ? `user.ignore:header:${name}` : `user.${entry.rule}:header:${name}`;
  return { rule, reason: `${entry.rule} by ${describeOrigin(entry.origin)}` };
}

/** The user's `accept` rule for this difference (path, and values when the rule gives them), if any. */
export function userAcceptance(finding: Finding, rules: CompiledRules): Difference | undefined {
  const rule = rules.accept.find(
    (accept) =>
      (accept.pattern ? finding.keys !== undefined && jsonPathMatches(accept.pattern, finding.keys) : accept.path.toLowerCase() === finding.path) &&
      (accept.legacy === undefined || jsonDeepEqual(accept.legacy, finding.legacy)) &&
      (accept.candidate === undefined || jsonDeepEqual(accept.candidate, finding.candidate)),
  );
  return rule && toDifference(finding, 'accepted', `user.accept:${rule.path}`, `${rule.reason} (${describeOrigin(rule.origin)})`);
}
