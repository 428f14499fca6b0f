import { Migration } from '@mikro-orm/migrations';

/**
 * Login failures of addresses no account has (application/identity/unknown-address-logins.ts): the lockout an
 * account gets after five wrong passwords, an unknown address gets too, so the 429 does not tell which addresses
 * have an account. Addresses as SHA-256 hashes; forgotten after EVENT_RETENTION_DAYS without an attempt.
 */
export class M020UnknownAddressLogins extends Migration {
  override name = 'M020UnknownAddressLogins';

  override up(): void {
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
  }
}
