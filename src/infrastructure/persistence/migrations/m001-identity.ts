import { Migration } from '@mikro-orm/migrations';

export class M001Identity extends Migration {
  override name = 'M001Identity';

  override up(): void {
    this.addSql(`
      create table users (
        id uuid primary key,
        email varchar(254) not null,
        name varchar(100) not null,
        role varchar(16) not null check (role in ('customer', 'admin')),
        status varchar(16) not null check (status in ('active', 'disabled')),
        password_hash varchar(255) not null,
        failed_logins integer not null default 0 check (failed_logins >= 0),
        locked_until timestamptz null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      )`);
    this.addSql('create unique index users_email_unique on users (email)');
    this.addSql(`
      create table sessions (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        refresh_token_hash varchar(64) not null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        ended_at timestamptz null,
        end_reason varchar(32) null
      )`);
    this.addSql('create index sessions_user_open on sessions (user_id) where ended_at is null');
  }

  override down(): void {
    this.addSql('drop table sessions');
    this.addSql('drop table users');
  }
}
