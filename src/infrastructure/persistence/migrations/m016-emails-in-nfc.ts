import { Migration } from '@mikro-orm/migrations';

/**
 * Addresses are compared in Unicode NFC (domain/identity/email.ts): the ones stored before in another form are
 * normalised, so that their owners, whose input is now normalised, still log in. One whose NFC form another
 * account already holds (the duplicate registration the normalisation now refuses) is left as it is.
 */
export class M016EmailsInNfc extends Migration {
  override name = 'M016EmailsInNfc';

  override up(): void {
    this.addSql(`
      update users set email = normalize(email, NFC)
       where email <> normalize(email, NFC)
         and not exists (select 1 from users as other where other.email = normalize(users.email, NFC))`);
    this.addSql(`update account_tokens set email = normalize(email, NFC) where email <> normalize(email, NFC)`);
  }

  override down(): void {
    // Nothing to undo: the NFC form is the same address.
  }
}
