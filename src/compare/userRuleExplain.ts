import { jsonPathMatches, type PathKey } from '../model/jsonPath';
import type { Difference } from '../model/result';
import { jsonDeepEqual } from './diff/jsonDeepEqual';
import { relatedIn, toDifference, type Finding } from './findings';
import { lastExact } from './userDiffOptions';
import { describeOrigin, type CompiledRules } from './userRules';

/**
 * Normalized differences that the user's ignore / match / header rules erased: each is accepted by
 * the rule that applies at its path (`user.ignore:$.x`, `user.match:uuid`,
 * `user.ignore:header:server`, `user.must-exist:header:location`).
 */
export function erasedByUserRules(normalized: readonly Finding[], viewed: readonly Finding[], rules: CompiledRules): Difference[] {
  const remains = relatedIn(viewed);
  return normalized
    .filter((finding) => !remains(finding))
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
  const match = lastExact(rules.match, keys);
  if (match) return { rule: `user.match:${match.matcher.type}`, reason: `both values match ${match.matcher.type} at ${match.path} (${describeOrigin(match.origin)})` };
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
