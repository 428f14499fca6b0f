import { Migration } from '@mikro-orm/migrations';

/**
 * Account recovery and proven addresses: tokens mailed for a password reset, to prove an address or to move to a
 * new one, kept only as SHA-256 hashes. Accounts that exist already keep their unproven addresses, except admins,
 * whose address came from the operator.
 */
export class M011AccountTokens extends Migration {
  override name = 'M011AccountTokens';

  override up(): void {
    this.addSql('alter table users add column email_verified boolean not null default false');
    this.addSql(`update users set email_verified = true where role = 'admin'`);
    this.addSql(`
      create table account_tokens (
        id varchar(32) primary key,
        user_id uuid not null references users (id) on delete cascade,
        purpose varchar(32) not null check (purpose in ('password_reset', 'email_verification', 'email_change')),
        email varchar(254) not null,
        token_hash char(64) not null unique,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        used_at timestamptz null,
        superseded_at timestamptz null
      )`);
    this.addSql('create index account_tokens_by_user on account_tokens (user_id, purpose, created_at)');
  }

  override down(): void {
    this.addSql('drop table account_tokens');
    this.addSql('alter table users drop column email_verified');
  }
}
