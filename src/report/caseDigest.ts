import { createHash } from 'node:crypto';
import type { CaseResult, Difference, HarnessErrorInfo, TargetName, UnlistedDifferences } from '../model/result';
import { caseErrorOf, exchangesOf } from './caseFacts';
import { displayValue } from './describeDifference';
import { ruleKey } from './summarize';

/** Places kept per rule in a digest: enough for a report to say where, not a second copy of the case. */
const digestPlacesPerRule = 3;

/** Regressions kept per case in its digest, values already shown as people read them. */
const digestRegressionsPerCase = 20;

interface DigestRegression {
  /** 1-based step number and its name. */
  step: number;
  stepName: string;
  area: Difference['area'];
  path: string;
  kind: Difference['kind'];
  /** `displayValue` of each side (never a placeholder, at most 200 characters). */
  legacy: string;
  candidate: string;
  rule?: string;
}

/** One rule's differences in one case: `key` is `<disposition>:<rule>` (see `ruleKey`). */
interface DigestRule {
  key: string;
  count: number;
  reason?: string;
  /** Up to `digestPlacesPerRule` distinct paths, in the order they were found. */
  paths: string[];
}

/**
 * A case without its steps: every top-level field of `CaseResult` except `steps`, plus what the
 * reports and the summary count. It is what reports show for a passing case, what the summary and
 * `parity merge` are computed from, and the head of each record in `cases.ndjson`.
 */
export interface CaseDigest extends Omit<CaseResult, 'steps'> {
  stepCount: number;
  rules: DigestRule[];
  /** The case's first `digestRegressionsPerCase` regressions (the counts are in `rules`). */
  regressions: DigestRegression[];
  retries: Record<TargetName, number>;
  /** For an errored or interrupted case: the error reports show (its own, else its first exchange's). */
  shownError?: HarnessErrorInfo;
  /**
   * sha256 of what must agree for two results of one case id to be "the same result" (status,
   * error, each step's differences and expectations; timings excluded). `parity merge` compares it.
   */
  outcome: string;
}

export function caseDigest(result: CaseResult): CaseDigest {
  const { steps, ...rest } = result;
  const rules = new Map<string, DigestRule>();
  const add = (d: Difference | UnlistedDifferences, count = 1): void => {
    const key = ruleKey(d);
    let rule = rules.get(key);
    if (!rule) {
      rule = { key, count: 0, paths: [], reason: ('reason' in d && d.reason) || undefined };
      rules.set(key, rule);
    }
    rule.count += count;
    const path = 'path' in d ? d.path : d.pattern;
    if (rule.paths.length < digestPlacesPerRule && !rule.paths.includes(path)) rule.paths.push(path);
  };
  const regressions: DigestRegression[] = [];
  for (const step of steps) {
    for (const d of step.differences) add(d);
    // Differences the step counted but did not list: in every count, their path pattern standing for their places.
    for (const group of step.unlisted ?? []) add(group, group.count);
    for (const d of step.differences) {
      if (d.disposition !== 'regression' || regressions.length >= digestRegressionsPerCase) continue;
      regressions.push({ step: step.index + 1, stepName: step.name, area: d.area, path: d.path, kind: d.kind, legacy: displayValue(d, 'legacy'), candidate: displayValue(d, 'candidate'), rule: d.rule || undefined });
    }
  }
  const retries = { legacy: 0, candidate: 0 };
  for (const e of exchangesOf(result)) retries[e.target] += e.retries.length;
  const shownError = result.status === 'error' || result.status === 'interrupted' ? caseErrorOf(result) : undefined;
  return { ...rest, stepCount: steps.length, rules: [...rules.values()], regressions, retries, shownError, outcome: outcomeHash(result) };
}

function outcomeHash(result: CaseResult): string {
  const text = JSON.stringify({
    status: result.status,
    error: result.error ?? null,
    steps: result.steps.map((s) => ({ differences: s.differences, unlisted: s.unlisted, expectations: s.expectations })),
  });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
