import { characterCount } from '../shared/characters';
import { WeakPassword } from './identity.errors';

/** The passwords attackers try first (a list, or an estimate of their guesses). Supplied from outside: the domain holds the rule, not the data. */
export interface CommonPasswords {
  includes(password: string): boolean;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * NIST SP 800-63B: length, not composition. 12..256 characters (counted as code points, so an emoji is one),
 * and not one of the commonly used passwords.
 */
export function assertAcceptablePassword(password: string, common: CommonPasswords): void {
  if (!hasAcceptablePasswordLength(password)) {
    throw new WeakPassword(`The password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long.`);
  }
  const lowerCase = password.toLowerCase();
  if (common.includes(password) || (lowerCase !== password && common.includes(lowerCase))) {
    throw new WeakPassword('This password is too common; choose another.');
  }
}

/** 12..256 characters, counted as code points. Also checked where requests are validated, beside the other fields. */
export function hasAcceptablePasswordLength(password: string): boolean {
  const length = characterCount(password);
  return length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH;
}
