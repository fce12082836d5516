import type { CaseResult } from '../model/result';

export interface ProgressOptions {
  /** Plain, quiet output for CI logs: failures as they happen, a progress line every 10 s or 10 %. */
  ci: boolean;
  out: { write(text: string): unknown };
  now?: () => number;
}

/**
 * Progress during long runs: cases done/total, failures so far, rate. On a terminal every case
 * gets a line (like Newman); in CI only failures and periodic totals are printed.
 */
export function createProgressPrinter(options: ProgressOptions): (result: CaseResult, done: number, total: number, more?: boolean) => void {
  const now = options.now ?? Date.now;
  const started = now();
  let failures = 0;
  let lastPrint = started;
  let lastDecile = 0;
  return (result, done, total, more = false) => {
    const failed = result.status === 'failed' || result.status === 'error' || result.status === 'interrupted';
    if (failed) failures += 1;
    const elapsed = Math.max(1, now() - started) / 1000;
    // `more`: suite files are still being read, so the total is a lower bound ("1200/3000+").
    const totals = `[${done}/${total}${more ? '+' : ''}] ${failures} failing · ${(done / elapsed).toFixed(1)} cases/s`;
    const line = `${symbol(result)} ${result.suite} › ${result.name} (${Math.round(result.durationMs)} ms)`;
    if (!options.ci) {
      options.out.write(`${line}  ${totals}\n`);
      return;
    }
    if (failed) options.out.write(`${line}\n`);
    // While suite files are still being read the total is a lower bound: only time paces the lines then.
    const decile = more ? lastDecile : Math.floor((done / total) * 10);
    if ((done === total && !more) || decile > lastDecile || now() - lastPrint >= 10_000) {
      lastDecile = decile;
      lastPrint = now();
      options.out.write(`progress ${totals}\n`);
    }
  };
}

function symbol(result: CaseResult): string {
  switch (result.status) {
    case 'passed':
      return 'PASS';
    case 'failed':
      return 'FAIL';
    case 'error':
      return 'ERROR';
    case 'skipped':
      return 'SKIP';
    case 'interrupted':
      return 'INTERRUPTED';
    default: {
      const never: never = result.status;
      return String(never);
    }
  }
}
