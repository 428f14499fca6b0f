import { Migration } from '@mikro-orm/migrations';

/**
 * A consumer's failures on one event (infrastructure/events/handler-failures.ts): how many attempts failed, the last
 * error and when the next is due; once the retries are used up the event is parked for that consumer (`parked_at`)
 * and the others go on. A row keeps the event itself, so a parked one outlives the outbox's retention for as long
 * as it is kept. `id` (time-ordered) names a row to the admin routes that list and replay parked events.
 */
export class M018EventHandlerFailures extends Migration {
  override name = 'M018EventHandlerFailures';

  override up(): void {
    this.addSql(`
      create table event_handler_failures (
        id uuid not null unique,
        event_id uuid not null,
        handler varchar(64) not null,
        event_type varchar(64) not null,
        aggregate_id uuid not null,
        occurred_at timestamptz not null,
        payload jsonb not null,
        attempts integer not null check (attempts > 0),
        last_error text not null,
        first_failed_at timestamptz not null,
        next_attempt_at timestamptz null,
        parked_at timestamptz null,
        primary key (event_id, handler),
        check ((next_attempt_at is null) <> (parked_at is null))
      )`);
    this.addSql('create index event_handler_failures_parked_at on event_handler_failures (parked_at) where parked_at is not null');
  }

  override down(): void {
    this.addSql('drop table event_handler_failures');
  }
}
