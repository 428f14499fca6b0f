/**
 * Keeps the bundle's source map true after scripts/bundle/native-names.mjs edited the bundle: every edit stays on
 * one line, so a mapping moves along its line by what the edits before it on that line took out or put in (one
 * inside a cut moves to where the cut was). Only generated columns change; no mapping is dropped.
 */
import { decode, encode } from '@jridgewell/sourcemap-codec';

/** The source map of `code` after `edits` ({ start, end, text }, offsets in `code`, none across a line end). */
export function shiftSourceMap(map, code, edits) {
  const lineStarts = [0];
  for (let at = code.indexOf('\n'); at !== -1; at = code.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const lines = decode(map.mappings);
  let line = 0;
  const editsByLine = new Map();
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= edit.start) line++;
    const column = edit.start - lineStarts[line];
    editsByLine.set(line, [...(editsByLine.get(line) ?? []), { start: column, end: column + edit.end - edit.start, length: edit.text.length }]);
  }
  // A segment's first field is its generated column; shifting keeps a line's segments in order.
  for (const [index, lineEdits] of editsByLine) for (const segment of lines[index] ?? []) segment[0] = shiftColumn(segment[0], lineEdits);
  return { ...map, mappings: encode(lines) };
}

/** Where a column of the line lands after the line's edits. */
function shiftColumn(column, edits) {
  let shift = 0;
  for (const { start, end, length } of edits) {
    if (end <= column) shift += length - (end - start);
    else if (start < column) return start + shift;
  }
  return column + shift;
}
