import { Injectable } from '@nestjs/common';
import { CommonPasswordList } from '../../application/identity/common-password-list';

/**
 * zxcvbn-ts's list of about 49,000 commonly used passwords, kept in a Set for O(1) checks. The package decompresses
 * the list when it is loaded, so it is loaded on the first check (a registration or a password change), not at
 * start-up: that takes 20-50 ms and holds about 4 MB, which an instance that only serves reads never needs.
 */
@Injectable()
export class CommonPasswordDictionary extends CommonPasswordList {
  private passwords?: ReadonlySet<string>;

  includes(password: string): boolean {
    this.passwords ??= loadCommonPasswords();
    return this.passwords.has(password);
  }
}

function loadCommonPasswords(): ReadonlySet<string> {
  // A require where it is needed rather than an import at the top: an import would load it at start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dictionary } = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  return new Set(dictionary['passwords-common']);
}
