/**
 * A child process for resultsScale.test.ts: records cases into `<dir>/cases.ndjson` one by one,
 * says on stdout how many are on disk, and after `stopAfter` waits (never ends its stream) until
 * the parent kills it by PID — a run killed half-way.
 */
import { openResultsStream } from '../../../src/report/resultsStream';
import { caseResult, exchange, jsonBody, menuSuite, step } from '../fixtures';

const [dir, total, stopAfter] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
const stream = openResultsStream(dir, { runId: 'killed-run', startedAt: new Date().toISOString() });
for (let i = 0; i < total; i += 1) {
  stream.record(
    caseResult(menuSuite, `api-${i % 5}`, `case ${String(i).padStart(5, '0')}`, {
      steps: [step('GET /menu', exchange('legacy', { body: jsonBody({ i }) }), exchange('candidate', { body: jsonBody({ i }) }))],
    }),
  );
  if (i + 1 === stopAfter) {
    process.stdout.write(`recorded ${stopAfter}\n`);
    setInterval(() => undefined, 60_000);
    break;
  }
}
