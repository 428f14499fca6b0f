import { characterCount } from './characters';

/** Nothing but white space and format characters (a zero-width space, joiners, direction marks): shows as nothing. */
const SHOWS_NOTHING = /^[\s\p{Cf}]*$/u;
const CONTROL_CHARACTER = /\p{Cc}/u;

export const showsNothing = (text: string): boolean => SHOWS_NOTHING.test(text);
export const hasControlCharacter = (text: string): boolean => CONTROL_CHARACTER.test(text);

/**
 * A name as people see it in pages, lists, mails and CSV, as kept: trimmed and in Unicode NFC (so that `é` typed as
 * one code point or as `e` and an accent is one name, found by one search), 1 to `maxCharacters` characters as
 * PostgreSQL counts them, showing something, on one line: a control character there is a mistake or a trick (a bell,
 * a line break in a mail's greeting), a name of zero-width characters looks empty.
 */
export function checkedDisplayName(raw: string, maxCharacters: number, invalid: (reason: string) => Error): string {
  const name = raw.trim().normalize('NFC');
  const characters = characterCount(name);
  if (characters < 1 || characters > maxCharacters) throw invalid(`The name must be 1 to ${maxCharacters} characters.`);
  if (showsNothing(name)) throw invalid('The name must show something: it is only white space or invisible characters.');
  if (hasControlCharacter(name)) throw invalid('The name must not contain control characters.');
  return name;
}
