import { InvalidReportRange, ReportRange } from './report-range';

describe('ReportRange', () => {
  it('covers whole UTC days with both ends inclusive', () => {
    const range = ReportRange.parse('2026-01-01', '2026-01-31', 366);
    expect(range.start.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });

  it('accepts a single day', () => {
    expect(ReportRange.parse('2026-03-05', '2026-03-05', 1).end.toISOString()).toBe('2026-03-06T00:00:00.000Z');
  });

  it.each([
    ['2026-1-01', '2026-01-02'],
    ['2026-02-30', '2026-03-01'],
    ['yesterday', '2026-01-01'],
    ['2026-01-01', '2026-13-01'],
    ['0000-01-01', '0000-01-02'],
    ['1899-12-31', '1900-01-01'],
    ['9998-12-31', '9999-01-01'],
  ])('refuses the malformed range %s..%s', (from, to) => {
    expect(() => ReportRange.parse(from, to, 366)).toThrow(InvalidReportRange);
  });

  it('takes the first and the last day a report may cover', () => {
    expect(ReportRange.parse('1900-01-01', '1900-01-01', 1).start.toISOString()).toBe('1900-01-01T00:00:00.000Z');
    expect(ReportRange.parse('9998-12-31', '9998-12-31', 1).end.toISOString()).toBe('9999-01-01T00:00:00.000Z');
  });

  it('refuses from after to', () => {
    expect(() => ReportRange.parse('2026-02-01', '2026-01-31', 366)).toThrow('is after to');
  });

  it('refuses a range longer than the maximum, naming it', () => {
    expect(() => ReportRange.parse('2025-01-01', '2026-01-02', 366)).toThrow('spans 367 days; the maximum is 366 days');
    expect(() => ReportRange.parse('2025-01-01', '2026-01-01', 366)).not.toThrow();
    expect(() => ReportRange.parse('2025-01-01', '2025-12-31', 365)).not.toThrow();
  });
});
