import { Migration } from '@mikro-orm/migrations';

/**
 * The transactional outbox: domain events are inserted in the transaction of the change that caused them and
 * relayed afterwards, at least once, in `position` order (see infrastructure/events/outbox-relay.ts).
 */
export class M006Outbox extends Migration {
  override name = 'M006Outbox';

  override up(): void {
    this.addSql(`
      create table outbox_events (
        position bigint generated always as identity primary key,
        id uuid not null unique,
        type varchar(64) not null,
        aggregate_id uuid not null,
        occurred_at timestamptz not null,
        payload jsonb not null,
        published_at timestamptz null
      )`);
    this.addSql('create index outbox_events_unpublished on outbox_events (position) where published_at is null');
    this.addSql('create index outbox_events_published_at on outbox_events (published_at) where published_at is not null');
  }

  override down(): void {
    this.addSql('drop table outbox_events');
  }
}
