import { Migration } from '@mikro-orm/migrations';

/**
 * An admin's retry of a delivery already finished is one attempt (API.md: "one more attempt now"), not a new
 * schedule: `resend_of` keeps the status it had, which a failed resend returns it to (a delivered one stays
 * delivered, its `delivered_at` kept). Null for every attempt the schedule makes.
 */
export class M017WebhookResends extends Migration {
  override name = 'M017WebhookResends';

  override up(): void {
    this.addSql(`alter table webhook_deliveries add column resend_of varchar(16) null check (resend_of in ('succeeded', 'failed'))`);
  }

  override down(): void {
    this.addSql('alter table webhook_deliveries drop column resend_of');
  }
}
