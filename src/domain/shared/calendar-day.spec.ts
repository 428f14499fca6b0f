import { isCalendarDay } from './calendar-day';

describe('a calendar day', () => {
  it('is a day the calendar has, as YYYY-MM-DD', () => {
    expect(isCalendarDay('2026-12-07')).toBe(true);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2026-12-7')).toBe(false);
    expect(isCalendarDay('2026-12-07T00:00:00Z')).toBe(false);
  });
});
