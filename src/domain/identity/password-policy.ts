import { characterCount } from '../shared/characters';
import { WeakPassword } from './identity.errors';

/**
 * The passwords attackers try first (a list, or an estimate of their guesses), given the words an attacker who
 * knows the account tries with them. Supplied from outside: the domain holds the rule, not the data.
 */
export interface CommonPasswords {
  includes(password: string, ownWords: readonly string[]): boolean;
}

/** Whose password it is: their address and name are the first words an attacker who knows the account tries. */
export interface PasswordOwner {
  readonly email: string;
  readonly name: string;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Pieces shorter than this (an initial, `jo` of `jo.smith`) are in every password by chance. */
const LEAST_OWN_WORD = 3;

/**
 * NIST SP 800-63B: length, not composition. 12..256 characters (counted as code points, so an emoji is one),
 * and not a password attackers try first: a common one, or one made of the owner's address or name (800-63B's
 * "context-specific words").
 */
export function assertAcceptablePassword(password: string, common: CommonPasswords, owner: PasswordOwner): void {
  if (!hasAcceptablePasswordLength(password)) {
    throw new WeakPassword(`The password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long.`);
  }
  const words = ownWords(owner);
  const lowerCase = password.toLowerCase();
  if (common.includes(password, words) || (lowerCase !== password && common.includes(lowerCase, words))) {
    throw new WeakPassword('This password is too easy to guess: it is a common one, or made of your name or email address; choose another.');
  }
}

/**
 * The owner's words in lower case and NFC (as names are kept): the address, its local part and the local part's
 * pieces, the domain's labels but the last, the name and its words.
 */
function ownWords(owner: PasswordOwner): string[] {
  const email = owner.email.trim().normalize('NFC').toLowerCase();
  const at = email.lastIndexOf('@');
  const local = at === -1 ? email : email.slice(0, at);
  const labels = at === -1 ? [] : email.slice(at + 1).split('.').slice(0, -1);
  const name = owner.name.trim().normalize('NFC').toLowerCase();
  const words = [email, local, ...pieces(local), ...labels, name, ...pieces(name)];
  return [...new Set(words.filter((word) => characterCount(word) >= LEAST_OWN_WORD))];
}

const pieces = (text: string): string[] => text.split(/[^\p{L}\p{N}]+/u);

/** 12..256 characters, counted as code points. Also checked where requests are validated, beside the other fields. */
export function hasAcceptablePasswordLength(password: string): boolean {
  const length = characterCount(password);
  return length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH;
}
