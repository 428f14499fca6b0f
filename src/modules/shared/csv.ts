import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';

/** RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled; lines end with CRLF. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
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

/** True when the client asked for CSV (`Accept: text/csv`) rather than JSON. */
export const wantsCsv = (accept: string | undefined) => /\btext\/csv\b/i.test(accept ?? '') && !/application\/json/i.test(accept ?? '');
