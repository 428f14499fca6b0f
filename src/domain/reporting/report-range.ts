import { isCalendarDay } from '../shared/calendar-day';
import { DomainError } from '../shared/domain-error';

export type ReportInterval = 'day' | 'week' | 'month';
export const REPORT_INTERVALS: readonly ReportInterval[] = ['day', 'week', 'month'];

export class InvalidReportRange extends DomainError {
  readonly code = 'invalid-report-range';
  readonly kind = 'invalid';
}

const DAY_MS = 86_400_000;

/** A range of whole UTC days, both ends inclusive, no longer than the configured maximum. */
export class ReportRange {
  private constructor(
    readonly from: string,
    readonly to: string,
  ) {}

  static parse(from: string, to: string, maxDays: number): ReportRange {
    const start = parseDate(from, 'from');
    const end = parseDate(to, 'to');
    if (start > end) throw new InvalidReportRange(`from (${from}) is after to (${to}).`);
    const days = (end - start) / DAY_MS + 1;
    if (days > maxDays) throw new InvalidReportRange(`The range spans ${days} days; the maximum is ${maxDays} days.`);
    return new ReportRange(from, to);
  }

  /** The first instant of the range. */
  get start(): Date {
    return new Date(`${this.from}T00:00:00.000Z`);
  }

  /** The first instant after the range (exclusive end). */
  get end(): Date {
    return new Date(Date.parse(`${this.to}T00:00:00.000Z`) + DAY_MS);
  }
}

/**
 * The days a report may cover. PostgreSQL has no year 0, and the day after 9999-12-31 is a year of five digits
 * that it cannot read; these bounds keep a range's ends, and the weeks and months around them, inside both.
 */
export const FIRST_REPORT_DAY = '1900-01-01';
export const LAST_REPORT_DAY = '9998-12-31';

/** A day of the calendar as YYYY-MM-DD (2026-02-30 is not one), from FIRST_REPORT_DAY to LAST_REPORT_DAY. */
export function isCalendarDate(value: string): boolean {
  return isCalendarDay(value) && value >= FIRST_REPORT_DAY && value <= LAST_REPORT_DAY;
}

function parseDate(value: string, name: string): number {
  if (!isCalendarDate(value)) {
    throw new InvalidReportRange(`${name} must be a date as YYYY-MM-DD from ${FIRST_REPORT_DAY} to ${LAST_REPORT_DAY}; got ${JSON.stringify(value)}.`);
  }
  return Date.parse(`${value}T00:00:00.000Z`);
}
