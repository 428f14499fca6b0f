import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import Negotiator from 'negotiator';

/**
 * What a spreadsheet reads as the start of a formula (OWASP CSV injection), =HYPERLINK(...) and the like; also the
 * full-width forms of = + - @ (U+FF1D, U+FF0B, U+FF0D, U+FF20), which a spreadsheet may normalise to the ASCII ones
 * (a leading quote costs nothing where it does not).
 */
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled; lines end with CRLF. Text that a
 * spreadsheet would run as a formula is prefixed with a single quote and quoted, so it shows as the text it is;
 * numbers are written as they are (a negative amount stays a number).
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== value ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV body streamed row by row, so a large report never sits in memory as one string. */
export function csvResponse(header: readonly string[], rows: Iterable<ReadonlyArray<string | number>>, filename: string): StreamableFile {
  function* lines() {
    yield `${header.map(csvField).join(',')}\r\n`;
    for (const row of rows) yield `${row.map(csvField).join(',')}\r\n`;
  }
  return new StreamableFile(Readable.from(lines()), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${filename}"`,
  });
}

/**
 * True when the client prefers CSV to JSON, the default: `Accept: text/csv`, weighed with the rest of the header
 * (q-values, wildcards). Media type parameters other than q (`text/csv; charset=utf-8`, `header=present`) are
 * dropped first: the negotiator matches a type with parameters only to one offered with the same.
 */
export const wantsCsv = (accept: string | undefined) =>
  accept !== undefined &&
  new Negotiator({ headers: { accept: accept.replace(/;(?!\s*q\s*=)[^,;]*/gi, '') } }).mediaType(['application/json', 'text/csv']) === 'text/csv';
