import { describePartialRun, partialRunWarning } from '../../src/engine/partialRun';

describe('partial runs', () => {
  it('are partial when fewer cases were selected than the suite set holds, naming what narrowed them', () => {
    const partial = describePartialRun({ selectedCases: 1, totalCases: 16, narrowedBy: ['-t "place an order"'], cutShortBy: [] });
    expect(partial).toEqual({ selectedCases: 1, totalCases: 16, reasons: ['-t "place an order"'] });
    expect(partialRunWarning(partial!)).toBe('Partial run: 1 of 16 cases selected (-t "place an order") — not a sign-off of the whole suite set.');
  });

  it('are not partial when a narrowing still selected every case', () => {
    expect(describePartialRun({ selectedCases: 16, totalCases: 16, narrowedBy: ['-t "."'], cutShortBy: [] })).toBeUndefined();
  });

  it('are partial when something cut the run short, even if every case was selected', () => {
    expect(describePartialRun({ selectedCases: 16, totalCases: 16, narrowedBy: [], cutShortBy: ['the run timeout (PARITY_RUN_TIMEOUT_MS)'] })?.reasons).toEqual(['the run timeout (PARITY_RUN_TIMEOUT_MS)']);
  });
});
