import { Migration } from '@mikro-orm/migrations';

/** The audit context's log of every domain event, written by its consumer; the event id makes redelivery harmless. */
export class M008AuditLog extends Migration {
  override name = 'M008AuditLog';

  override up(): void {
    this.addSql(`
      create table audit_log (
        event_id uuid primary key,
        type varchar(64) not null,
        aggregate_id uuid not null,
        occurred_at timestamptz not null,
        payload jsonb not null,
        recorded_at timestamptz not null default now()
      )`);
    this.addSql('create index audit_log_aggregate on audit_log (aggregate_id, occurred_at)');
  }

  override down(): void {
    this.addSql('drop table audit_log');
  }
}
