import { Injectable } from '@nestjs/common';
import { dictionary } from '@zxcvbn-ts/language-common';
import { CommonPasswordList } from '../../application/identity/common-password-list';

/** zxcvbn-ts's list of about 49,000 commonly used passwords, kept in a Set for O(1) checks. */
@Injectable()
export class CommonPasswordDictionary extends CommonPasswordList {
  private readonly passwords = new Set(dictionary['passwords-common']);

  includes(password: string): boolean {
    return this.passwords.has(password);
  }
}
