import { createHash } from 'node:crypto';
import type { CaseResult, Difference, Exchange, RecordedBody, RunResult, StepResult } from '../model/result';

/**
 * How much recorded body and difference text the reports carry in full. Every report is one
 * string, and V8 caps a string at 2^29 − 24 characters (~512 Mi): a run in which many cases
 * recorded a 10 MiB body (each one held as parsed JSON, then — in older versions — as raw text,
 * and as the value of a `$` difference, then pretty-printed) made `JSON.stringify` throw "Invalid string length", and no
 * report was written at all. 32 Mi characters keep results.json and the HTML far below the cap
 * (pretty-printing and escaping multiply them a few times at most) and loadable by other tools.
 */
export const reportBudget = { totalChars: 32 * 1024 * 1024, headChars: 64 * 1024 };

type Item = { kind: 'body'; body: RecordedBody; size: number } | { kind: 'difference'; difference: Difference; side: 'legacy' | 'candidate'; size: number };

/**
 * The run as the reports show it. Unchanged (the same object) while its recorded bodies and
 * difference values fit `budget.totalChars`; otherwise the largest are cut to their first
 * `budget.headChars` characters (bodies keep `bytes` and the sha256 of the whole recorded text and
 * are marked `truncated`, as the recorder marks bodies over its own cap) until they fit, and a
 * warning says so. Statuses, differences and counts are never touched.
 */
export function fitReportBudget(run: RunResult, budget = reportBudget): RunResult {
  const items = collectItems(run);
  let total = items.reduce((sum, item) => sum + item.size, 0);
  if (total <= budget.totalChars) return run;
  const cutBodies = new Map<RecordedBody, RecordedBody>();
  const cutValues = new Map<Difference, Partial<Difference>>();
  for (const item of [...items].sort((a, b) => b.size - a.size)) {
    if (total <= budget.totalChars || item.size <= budget.headChars) break;
    total -= item.size - budget.headChars;
    if (item.kind === 'body') cutBodies.set(item.body, cutBody(item.body, budget.headChars));
    else cutValues.set(item.difference, { ...cutValues.get(item.difference), [item.side]: cutValue(item.difference[item.side], budget.headChars) });
  }
  const body = (b: RecordedBody | undefined) => (b === undefined ? undefined : (cutBodies.get(b) ?? b));
  const exchange = (e: Exchange): Exchange => ({
    ...e,
    request: e.request.body ? { ...e.request, body: body(e.request.body)! } : e.request,
    ...(e.response ? { response: { ...e.response, body: body(e.response.body)! } } : {}),
  });
  const step = (s: StepResult): StepResult => ({
    ...s,
    legacy: exchange(s.legacy),
    ...(s.legacyRepeat ? { legacyRepeat: exchange(s.legacyRepeat) } : {}),
    candidate: exchange(s.candidate),
    differences: s.differences.map((d) => ({ ...d, ...cutValues.get(d) })),
  });
  const cases: CaseResult[] = run.cases.map((c) => ({ ...c, steps: c.steps.map(step) }));
  const warning = `${cutBodies.size + cutValues.size} recorded bodies and difference values were cut to their first ${budget.headChars} characters in the reports (sha256 of each body kept), so that the reports stay writable; the full values were only in memory.`;
  return { ...run, cases, warnings: [...run.warnings, warning] };
}

function collectItems(run: RunResult): Item[] {
  const items: Item[] = [];
  const addBody = (body: RecordedBody | undefined) => {
    if (body) items.push({ kind: 'body', body, size: (body.text?.length ?? 0) + (body.json === undefined ? 0 : jsonSize(body.json)) });
  };
  for (const c of run.cases) {
    for (const s of c.steps) {
      for (const e of [s.legacy, s.legacyRepeat, s.candidate]) {
        addBody(e?.request.body);
        addBody(e?.response?.body);
      }
      for (const difference of s.differences) {
        for (const side of ['legacy', 'candidate'] as const) {
          if (difference[side] !== undefined) items.push({ kind: 'difference', difference, side, size: jsonSize(difference[side]) });
        }
      }
    }
  }
  return items;
}

/** Characters of compact JSON; a value too deep for `JSON.stringify` could not be written either. */
function jsonSize(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
}

/** A JSON body without raw text (as recorded) is cut, and hashed, as its compact serialisation. */
function cutBody(body: RecordedBody, headChars: number): RecordedBody {
  const text = body.text ?? safeJson(body.json);
  const { json: _json, ...rest } = body;
  return {
    ...rest,
    kind: body.kind === 'json' ? 'text' : body.kind,
    text: text.slice(0, headChars),
    sha256: body.sha256 ?? createHash('sha256').update(text, 'utf8').digest('hex'),
    truncated: true,
  };
}

function cutValue(value: unknown, headChars: number): string {
  return `${safeJson(value).slice(0, headChars)}… (cut to fit the reports)`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '(too deeply nested to write)';
  }
}
