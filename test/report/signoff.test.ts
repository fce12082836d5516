import { renderSignoff } from '../../src/report/renderSignoff';
import { mdCode, mdText } from '../../src/report/markdown';
import { buildPassingRun, buildRun, diff, tokenParity } from './fixtures';

function section(md: string, heading: string): string {
  const start = md.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`no section "${heading}"`);
  const end = md.indexOf('\n## ', start + 4);
  return md.slice(start, end < 0 ? undefined : end);
}

/** Pipes that separate cells (not the escaped `\|` inside a cell). */
const cellCount = (row: string): number => row.replace(/\\\|/g, '').split('|').length - 2;

describe('sign-off Markdown', () => {
  const run = buildRun();
  let md: string;
  beforeAll(async () => {
    md = await renderSignoff(run, { baselineSha256: { legacy: 'd'.repeat(64) } });
  });

  it('opens with the verdict and why', async () => {
    expect(md.startsWith('# API migration parity sign-off — staging\n\n**Verdict: FAIL**\n\n- 2 cases failed with regressions.')).toBe(true);
    expect((await renderSignoff(buildPassingRun()))).toContain('**Verdict: PASS**\n\nEvery case that ran matched');
  });

  it('names environment, hosts, date and commit, and nothing secret', async () => {
    const runTable = section(md, 'Run');
    expect(runTable).toContain(
      '| Legacy | apicloud — replayed from the recorded baseline `baselines/staging`: recorded 2025-11-20T09:00:00.000Z from `https://gateway.api.cloud.wso2.com` (env staging, profile apicloud, harness 0.1.0, 8 cases); the live hosts configured for this side (`https://gateway.api.cloud.wso2.com`) were not called |',
    );
    const unreadable = buildRun();
    delete unreadable.environment.targets.legacy.baselineManifest;
    expect(section((await renderSignoff(unreadable)), 'Run')).toContain('replayed from the recorded baseline `baselines/staging`: manifest not readable, so its recording date and hosts are unknown');
    expect(runTable).toContain('| Candidate | choreo — `https://2d9ec1f6-dev.e1-us-east-azure.choreoapis.dev` (TLS verification OFF) |');
    expect(runTable).toContain('| Date | 2025-11-24 (');
    expect(runTable).toContain('| Git commit | `0b758c1f3e2d4c5b6a798877665544332211aabb` |');
    expect(md).not.toMatch(/redacted|«|authorization|_TOKEN/i);
  });

  it('lists the sha256 of every suite file and of the baseline', async () => {
    const inputs = section(md, 'Inputs (sha256)');
    expect(inputs).toContain(`| \`suites/inventory.yaml\` | \`${'c'.repeat(64)}\` | suite |`);
    expect(inputs).toContain(`| \`suites/orders-admin.yaml\` | \`${'b'.repeat(64)}\` | **not loaded** |`);
    expect(inputs).toContain(`| \`baselines/staging/manifest.json\` | \`${'e'.repeat(64)}\` | legacy baseline manifest, recorded 2025-11-20T09:00:00.000Z (lists the sha256 of every recording of its 8 cases) |`);
    const unreadable = buildRun();
    delete unreadable.environment.targets.legacy.baselineManifest;
    expect((await renderSignoff(unreadable, { baselineSha256: { legacy: 'd'.repeat(64) } }))).toContain(`| \`baselines/staging/manifest.json\` | \`${'d'.repeat(64)}\` | legacy baseline manifest |`);
    expect((await renderSignoff(unreadable))).toContain('| `baselines/staging/manifest.json` | not recorded: the manifest could not be read when the reports were written | legacy baseline manifest |');
  });

  it('tabulates totals, every regression, harness errors, accepted differences by rule and pre-existing issues', async () => {
    expect(section(md, 'Totals')).toContain('| 8 | 3 | 2 | 1 | 1 | 1 |');
    const regressions = section(md, 'Regressions (8)');
    expect(regressions).toContain('| places an order | 1 | body | `$.price` | changed | `19` | `19.5` |');
    const all = regressions.slice(regressions.indexOf('### All'));
    expect(all.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Case'))).toHaveLength(8);
    expect(regressions).toContain('| header | `header:content-type` | changed | 2 | 2 | menu drift \\<b\\>\\&\\</b\\> step 1: `"application/json"` → `"text/html"` |');
    const errors = section(md, 'Harness errors (3)');
    expect(errors).toContain('| suite `suites/orders-admin.yaml` | SuiteError |');
    expect(errors).toContain('| updates an order | Interrupted |');
    expect(section(md, 'Accepted differences by rule (7)')).toContain(
      '| `fault-code-mapping` | 2 | Choreo reports a missing token as 900901 Invalid Credentials. | rejects a missing token $.fault.code; rejects a missing token $.fault.message |',
    );
    expect(section(md, 'Pre-existing contract issues (1)')).toContain('| `openapi:required` | 1 | Both sides omit the required sku. | counts stock $.sku |');
  });

  it('cites docs/gateway-differences.md for the built-in rules behind accepted differences', async () => {
    expect(section(md, 'Accepted differences by rule')).toContain('[docs/gateway-differences.md](docs/gateway-differences.md)');
  });

  it('says why token parity was not checked when the legacy side is a recorded baseline, and when it simply did not run', async () => {
    const replay = section((await renderSignoff(buildRun({ tokenParity: null }))), 'Token parity: NOT CHECKED');
    expect(replay).toContain('Reason: the legacy side was replayed from the recorded baseline `baselines/staging`, which has no token endpoint to ask');
    const live = buildRun({ tokenParity: null, interrupted: false });
    delete live.environment.targets.legacy.baseline;
    expect(section((await renderSignoff(live)), 'Token parity: NOT CHECKED')).toContain('Reason: the token check was not part of this run');
  });

  it('reports token parity, throttling advice and warnings, then lines to sign', async () => {
    expect(md).toContain('## Token parity: PASSED');
    expect((await renderSignoff(buildRun({ tokenParity: tokenParity('error') })))).toContain('Error: token endpoint said invalid\\_client');
    expect(section(md, 'Throttling advisory')).toContain('| inventory | Unlimited (unlimited) | 1K/min (1,000/min) | **may throttle legacy traffic** |');
    expect(section(md, 'Warnings')).toContain('- TLS verification is off for candidate');
    expect(section(md, 'Throttling advisory')).toContain('| orders | Gold (5,000/min) | TenK (unknown limit) | **unknown: a name could not be read (see Warnings)** |');
    expect(section(md, 'Throttling advisory')).not.toContain('TenK (unlimited)');
    expect(md.trimEnd().endsWith('|   | Release manager |   |   |')).toBe(true);
    expect((await renderSignoff(run, { roles: ['QA lead'] }))).toContain('|   | QA lead |   |   |');
  });

  it('stays plain Markdown: no raw HTML, and every table row has as many cells as its header', async () => {
    const outsideCode = md.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
    expect(outsideCode).not.toMatch(/(^|[^\\])</);
    expect(md).toContain('menu drift \\<b\\>\\&\\</b\\>');
    const lines = md.split('\n');
    lines.forEach((line, i) => {
      if (/^\|---/.test(line)) {
        const width = cellCount(lines[i - 1]!);
        for (let j = i + 1; j < lines.length && lines[j]!.startsWith('|'); j += 1) expect([j, cellCount(lines[j]!)]).toEqual([j, width]);
      }
    });
  });

  it('escapes text and code so neither markup nor a pipe can break a table', async () => {
    expect(mdText('a|b <i>*x*</i>\nc')).toBe('a\\|b \\<i\\>\\*x\\*\\</i\\> c');
    expect(mdCode('x | `y`')).toBe('`` x \\| `y` ``');
    expect(mdCode('a'.repeat(100))).toHaveLength(82);
  });

  it('lists at most five distinct places per accepted rule, so the table pastes cleanly into a ticket', async () => {
    const run = buildPassingRun();
    const template = run.cases[0]!;
    // Eight places in four cases, two each (a case's digest keeps up to three places per rule).
    run.cases = [0, 1, 2, 3].map((n) => ({ ...template, id: `${template.id}-${n}`, name: `case ${n}`, steps: [{ ...template.steps[0]!, differences: [0, 1].map((i) => diff({ path: `header:x-${2 * n + i}`, disposition: 'accepted', rule: 'header.gateway-only:x' })) }] }));
    const row = section((await renderSignoff(run)), 'Accepted differences by rule').split('\n').find((line) => line.includes('header.gateway-only:x'))!;
    expect(row).toContain('… and 3 more (parity-report.html)');
    expect(row.match(/header:x-\d/g)).toHaveLength(5);
  });
});
