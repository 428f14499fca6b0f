/**
 * The characters of a text as PostgreSQL counts them for `varchar(n)` and JSON Schema for `maxLength`: code points,
 * so an emoji written as a surrogate pair is one. (class-validator's MaxLength also leaves out the variation
 * selectors U+FE0E and U+FE0F, which PostgreSQL counts: a name it passed failed the column's bound with a 500.)
 */
export function characterCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i += 1) {
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
      count -= 1;
      i += 1;
    }
  }
  return count;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
