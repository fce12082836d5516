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
  const md = renderSignoff(run, { baselineSha256: { legacy: 'd'.repeat(64) } });

  it('opens with the verdict and why', () => {
    expect(md.startsWith('# API migration parity sign-off — staging\n\n**Verdict: FAIL**\n\n- 2 cases failed with regressions.')).toBe(true);
    expect(renderSignoff(buildPassingRun())).toContain('**Verdict: PASS**\n\nEvery case that ran matched');
  });

  it('names environment, hosts, date and commit, and nothing secret', () => {
    const runTable = section(md, 'Run');
    expect(runTable).toContain('| Legacy | apicloud — `https://gateway.api.cloud.wso2.com` |');
    expect(runTable).toContain('| Candidate | choreo — `https://2d9ec1f6-dev.e1-us-east-azure.choreoapis.dev` (TLS verification OFF) |');
    expect(runTable).toContain('| Date | 2025-11-24 (');
    expect(runTable).toContain('| Git commit | `0b758c1f3e2d4c5b6a798877665544332211aabb` |');
    expect(md).not.toMatch(/redacted|«|authorization|_TOKEN/i);
  });

  it('lists the sha256 of every suite file and of the baseline', () => {
    const inputs = section(md, 'Inputs (sha256)');
    expect(inputs).toContain(`| \`suites/inventory.yaml\` | \`${'c'.repeat(64)}\` | suite |`);
    expect(inputs).toContain(`| \`suites/orders-admin.yaml\` | \`${'b'.repeat(64)}\` | **not loaded** |`);
    expect(inputs).toContain(`| \`baselines/staging\` | \`${'d'.repeat(64)}\` | legacy baseline |`);
    expect(renderSignoff(run)).toContain('| `baselines/staging` | not recorded (no baseline manifest given) | legacy baseline |');
  });

  it('tabulates totals, every regression, harness errors, accepted differences by rule and pre-existing issues', () => {
    expect(section(md, 'Totals')).toContain('| 8 | 3 | 2 | 1 | 1 | 1 |');
    const regressions = section(md, 'Regressions (8)');
    expect(regressions).toContain('| places an order | 1 | body | `$.price` | changed | `19` | `19.5` |');
    expect(regressions.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Case'))).toHaveLength(8);
    const errors = section(md, 'Harness errors (3)');
    expect(errors).toContain('| suite `suites/orders-admin.yaml` | SuiteError |');
    expect(errors).toContain('| updates an order | Interrupted |');
    expect(section(md, 'Accepted differences by rule (7)')).toContain(
      '| `fault-code-mapping` | 2 | Choreo reports a missing token as 900901 Invalid Credentials. | rejects a missing token $.fault.code; rejects a missing token $.fault.message |',
    );
    expect(section(md, 'Pre-existing contract issues (1)')).toContain('| counts stock | `$.sku` | `openapi:required` | Both sides omit the required sku. |');
  });

  it('reports token parity, throttling advice and warnings, then lines to sign', () => {
    expect(md).toContain('## Token parity: PASSED');
    expect(renderSignoff(buildRun({ tokenParity: tokenParity('error') }))).toContain('Error: token endpoint said invalid\\_client');
    expect(section(md, 'Throttling advisory')).toContain('| inventory | Unlimited (unlimited) | 1K/min (1000/min) | **may throttle legacy traffic** |');
    expect(section(md, 'Warnings')).toContain('- TLS verification is off for candidate');
    expect(md.trimEnd().endsWith('|   | Release manager |   |   |')).toBe(true);
    expect(renderSignoff(run, { roles: ['QA lead'] })).toContain('|   | QA lead |   |   |');
  });

  it('stays plain Markdown: no raw HTML, and every table row has as many cells as its header', () => {
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

  it('escapes text and code so neither markup nor a pipe can break a table', () => {
    expect(mdText('a|b <i>*x*</i>\nc')).toBe('a\\|b \\<i\\>\\*x\\*\\</i\\> c');
    expect(mdCode('x | `y`')).toBe('`` x \\| `y` ``');
    expect(mdCode('a'.repeat(100))).toHaveLength(82);
  });

  it('lists at most five distinct places per accepted rule, so the table pastes cleanly into a ticket', () => {
    const run = buildPassingRun();
    const first = run.cases[0]!.steps[0]!;
    for (let i = 0; i < 8; i += 1) first.differences.push(diff({ path: `header:x-${i}`, disposition: 'accepted', rule: 'header.gateway-only:x' }));
    const row = section(renderSignoff(run), 'Accepted differences by rule').split('\n').find((line) => line.includes('header.gateway-only:x'))!;
    expect(row).toContain('… and 3 more (parity-report.html)');
    expect(row.match(/header:x-\d/g)).toHaveLength(5);
  });
});
