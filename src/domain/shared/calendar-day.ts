const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A day the calendar has, as YYYY-MM-DD: Date.parse rolls 2026-02-30 over to March 2; a real day formats back to itself. */
export function isCalendarDay(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00.000Z`);
  return isoDate.test(value) && !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}
