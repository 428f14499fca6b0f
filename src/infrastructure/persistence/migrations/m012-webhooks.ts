import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks: the endpoints admins register (signing secrets stored AES-256-GCM encrypted, never in clear) and the
 * webhook outbox, one delivery per event and endpoint (the unique key makes queueing idempotent). The partial index
 * serves the delivery job's claim of due pending deliveries; the other, an endpoint's newest-first list.
 */
export class M012Webhooks extends Migration {
  override name = 'M012Webhooks';

  override up(): void {
    this.addSql(`
      create table webhook_endpoints (
        id uuid primary key,
        url varchar(2048) not null,
        events text[] not null check (cardinality(events) > 0),
        description varchar(500) null,
        enabled boolean not null default true,
        disabled_reason text null,
        secret_ciphertext text not null,
        previous_secret_ciphertext text null,
        previous_secret_expires_at timestamptz null,
        failing_since timestamptz null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      )`);
    this.addSql(`
      create table webhook_deliveries (
        id uuid primary key,
        endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
        event_id uuid not null,
        event_type varchar(64) not null,
        body text not null,
        status varchar(16) not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
        attempts integer not null default 0 check (attempts >= 0),
        next_attempt_at timestamptz null,
        leased_until timestamptz null,
        last_attempt_at timestamptz null,
        last_response_status integer null,
        last_response_body text null,
        last_error text null,
        last_duration_ms integer null,
        created_at timestamptz not null,
        delivered_at timestamptz null,
        unique (endpoint_id, event_id)
      )`);
    this.addSql(`create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending'`);
    this.addSql('create index webhook_deliveries_by_endpoint on webhook_deliveries (endpoint_id, id desc)');
  }

  override down(): void {
    this.addSql('drop table webhook_deliveries');
    this.addSql('drop table webhook_endpoints');
  }
}
