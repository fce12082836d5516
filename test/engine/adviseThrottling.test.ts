import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';
import { adviseThrottling, parseRate } from '../../src/engine/adviseThrottling';
import { throttlingWarnings } from '../../src/engine/throttlingWarnings';

const root = path.resolve(__dirname, '..', '..');
const advise = (legacyTier: string, candidatePolicy: string) => adviseThrottling({ apis: { pizzashack: { legacyTier, candidatePolicy } } })[0]!;

describe('throttling advice', () => {
  it('reads the policy written in env/example.env as the limit it names, not as unlimited', () => {
    const example = parse(readFileSync(path.join(root, 'env', 'example.env')));
    const advice = advise(example.PARITY_API_PIZZASHACK_LEGACY_TIER!, example.PARITY_API_PIZZASHACK_CANDIDATE_POLICY!);
    expect(advice).toMatchObject({ legacyPerMinute: 5000, candidatePerMinute: 10_000, admits: true });
    expect(advice.unreadable).toBeUndefined();
    expect(throttlingWarnings([advice])).toEqual([]);
  });

  it('reads rates however they are written, per second, minute, hour or day', () => {
    expect([parseRate('10K/min'), parseRate('10KPerMin'), parseRate('10k per minute'), parseRate('600/sec'), parseRate('1.44M/day'), parseRate('120000 per hour')]).toEqual([10_000, 10_000, 10_000, 36_000, 1000, 2000]);
    expect(parseRate('fast')).toBeUndefined();
    expect(parseRate('10K/fortnight')).toBeUndefined();
  });

  it('flags a rate that is not one of the fixed Choreo policies as a custom one', () => {
    expect(advise('Gold', '5000/min').notes.join(' ')).toContain('not one of Choreo\'s fixed policies');
    expect(advise('Gold', '10K/min').notes.join(' ')).not.toContain('not one of Choreo\'s fixed policies');
  });

  it('treats an unreadable name as an unknown limit: never "admits", and a warning naming the variable to fix', () => {
    const advice = advise('Gold', 'TenThousandish');
    expect(advice).toMatchObject({ candidatePerMinute: null, admits: false, unreadable: ['candidate'] });
    const [warning] = throttlingWarnings([advice]);
    expect(warning).toContain('candidate policy "TenThousandish" cannot be read, so its limit is unknown (not unlimited)');
    expect(warning).toContain('PARITY_API_PIZZASHACK_CANDIDATE_POLICY');
    expect(advise('Platinum', '10KPerMin').unreadable).toEqual(['legacy']);
  });
});
