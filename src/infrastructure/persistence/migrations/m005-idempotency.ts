import { Migration } from '@mikro-orm/migrations';

export class M005Idempotency extends Migration {
  override name = 'M005Idempotency';

  override up(): void {
    this.addSql(`
      create table idempotency_keys (
        scope varchar(64) not null,
        key varchar(255) not null,
        fingerprint char(64) not null,
        state varchar(16) not null check (state in ('in_flight', 'completed')),
        response_status integer null,
        response_content_type varchar(128) null,
        response_body text null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        primary key (scope, key),
        check ((state = 'completed') = (response_status is not null))
      )`);
    this.addSql('create index idempotency_keys_expires_at on idempotency_keys (expires_at)');
  }

  override down(): void {
    this.addSql('drop table idempotency_keys');
  }
}
