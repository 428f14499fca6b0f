import { addExactly, exactSum, ReportTooLarge } from './report-sums';

describe('report sums', () => {
  it('takes the decimal sums the database sends while they are exact numbers', () => {
    expect(exactSum('0')).toBe(0);
    expect(exactSum('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => exactSum('9007199254740992')).toThrow(ReportTooLarge);
    expect(() => exactSum('36013999999981986')).toThrow(ReportTooLarge);
  });

  it('adds while the sum is exact', () => {
    expect(addExactly(Number.MAX_SAFE_INTEGER - 1, 1)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => addExactly(Number.MAX_SAFE_INTEGER, 1)).toThrow(ReportTooLarge);
    expect(() => addExactly(9_000_000_000_000_000, 9_000_000_000_000_000)).toThrow(ReportTooLarge);
  });
});
