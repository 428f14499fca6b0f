/**
 * A timestamptz column, selected under its own name as an RFC 3339 instant in UTC with milliseconds
 * (`2026-12-05T13:14:36.123Z`), formatted by PostgreSQL: what `Date.prototype.toISOString` gives for the same
 * moment (both drop the microseconds), without a Date made and formatted in the app for every value read.
 */
export const utcInstant = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ${column}`;
