import { Migration } from '@mikro-orm/migrations';

/**
 * Login failures of addresses no account has (application/identity/unknown-address-logins.ts): the lockout an
 * account gets after five wrong passwords, an unknown address gets too, so the 429 does not tell which addresses
 * have an account. Addresses as HMACs; forgotten after EVENT_RETENTION_DAYS without an attempt. A streak of
 * failures lapses after a day without one, an account's too (`last_failed_login_at`), so that an address forgotten
 * and an account answer the next failure alike.
 */
export class M020UnknownAddressLogins extends Migration {
  override name = 'M020UnknownAddressLogins';

  override up(): void {
    this.addSql('alter table users add column last_failed_login_at timestamptz null');
    this.addSql(`
      create table unknown_address_logins (
        email_hash char(64) primary key,
        failed_logins integer not null check (failed_logins >= 0),
        locked_until timestamptz null,
        updated_at timestamptz not null
      )`);
  }

  override down(): void {
    this.addSql('drop table unknown_address_logins');
    this.addSql('alter table users drop column last_failed_login_at');
  }
}
