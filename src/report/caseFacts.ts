import { differenceCounts } from '../model/differenceCounts';
import type { CaseResult, Difference, Exchange, HarnessErrorInfo, RunResult, TargetName, UnlistedDifferences } from '../model/result';
import { targetNames } from '../model/result';
import { byText } from './groupBySuite';

/** What each report shows next to a case: where it ran, how fast, how often retried, what was accepted. */
export interface CaseFacts {
  /** `apicloud https://gateway.api.cloud.wso2.com` per side. */
  targets: Record<TargetName, string>;
  latencyMs: Record<TargetName, number | null>;
  retries: Record<TargetName, number>;
  /** Accepted differences of this case per rule (listed or not), ordered by rule name. */
  acceptedByRule: Array<[rule: string, count: number]>;
  /** The differences the steps list. */
  differences: Difference[];
  /** The listed regressions (and expectations failing on both sides). */
  regressions: Difference[];
  /** What the steps found but did not list (see `StepResult.unlisted`), each group with its step number. */
  unlisted: Array<UnlistedDifferences & { step: number }>;
}

export function exchangesOf(result: CaseResult): Exchange[] {
  return result.steps.flatMap((step) => (step.legacyRepeat ? [step.legacy, step.legacyRepeat, step.candidate] : [step.legacy, step.candidate]));
}

function origin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function caseFacts(result: CaseResult, run: RunResult): CaseFacts {
  const exchanges = exchangesOf(result);
  const targets = {} as Record<TargetName, string>;
  const retries = {} as Record<TargetName, number>;
  for (const target of targetNames) {
    const info = run.environment.targets[target];
    const own = exchanges.filter((e) => e.target === target);
    const origins = [...new Set(own.map((e) => origin(e.request.url)).filter((o): o is string => o !== undefined))];
    const hosts = origins.length > 0 ? origins : info.hosts;
    targets[target] = `${info.profile} ${hosts.join(', ') || '(no host)'}${info.baseline ? ` (baseline ${info.baseline})` : ''}`;
    retries[target] = own.reduce((sum, e) => sum + e.retries.length, 0);
  }
  const differences = result.steps.flatMap((step) => step.differences);
  const accepted = new Map<string, number>();
  for (const c of result.steps.flatMap(differenceCounts)) if (c.disposition === 'accepted') accepted.set(c.rule ?? '(no rule)', (accepted.get(c.rule ?? '(no rule)') ?? 0) + c.count);
  return {
    targets,
    latencyMs: { legacy: result.latency.legacyMs, candidate: result.latency.candidateMs },
    retries,
    acceptedByRule: [...accepted].sort(([a], [b]) => byText(a, b)),
    differences,
    // Expectations both sides break fail the case too: listed with the regressions (their reason says which they are).
    regressions: differences.filter((d) => d.disposition === 'regression' || d.disposition === 'both-fail'),
    unlisted: result.steps.flatMap((step) => (step.unlisted ?? []).map((group) => ({ ...group, step: step.index + 1 }))),
  };
}

/** The error to show for a case in status `error`: its own, else the first exchange's. */
export function caseErrorOf(result: CaseResult): HarnessErrorInfo | undefined {
  return result.error ?? exchangesOf(result).find((e) => e.error !== undefined)?.error;
}
