import type { CommonPasswords } from '../../domain/identity/password-policy';

/** DI token for the check of the common passwords the password policy refuses. */
export abstract class CommonPasswordList implements CommonPasswords {
  abstract includes(password: string, ownWords: readonly string[]): boolean;
}
