/**
 * Keeps the bundle's source map true after scripts/bundle/native-names.mjs edited the bundle: every edit stays on
 * one line, so a mapping moves along its line by what the edits before it on that line took out or put in (one
 * inside a cut moves to where the cut was). Only generated columns change; no mapping is dropped.
 */
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The source map of `code` after `edits` ({ start, end, text }, offsets in `code`, none across a line end). */
export function shiftSourceMap(map, code, edits) {
  const lineStarts = [0];
  for (let at = code.indexOf('\n'); at !== -1; at = code.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const editsByLine = new Map();
  let line = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= edit.start) line++;
    const column = edit.start - lineStarts[line];
    editsByLine.set(line, [...(editsByLine.get(line) ?? []), { start: column, end: column + edit.end - edit.start, length: edit.text.length }]);
  }
  const lines = map.mappings.split(';').map((segments, index) => {
    const lineEdits = editsByLine.get(index);
    if (!lineEdits || segments === '') return segments;
    let column = 0;
    let previousShifted = 0;
    return segments
      .split(',')
      .map((segment) => {
        const fields = decode(segment);
        column += fields[0];
        const shifted = shiftColumn(column, lineEdits);
        fields[0] = shifted - previousShifted;
        previousShifted = shifted;
        return fields.map(encode).join('');
      })
      .join(',');
  });
  return { ...map, mappings: lines.join(';') };
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

function decode(segment) {
  const values = [];
  let value = 0;
  let bits = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << bits;
    bits += 5;
    if (digit & 32) continue;
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    bits = 0;
  }
  return values;
}

function encode(number) {
  let value = number < 0 ? (-number << 1) | 1 : number << 1;
  let out = '';
  do {
    let digit = value & 31;
    value >>>= 5;
    if (value > 0) digit |= 32;
    out += BASE64[digit];
  } while (value > 0);
  return out;
}
