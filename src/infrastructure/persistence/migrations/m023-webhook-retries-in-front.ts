import { Migration } from '@mikro-orm/migrations';

/**
 * An admin's retry of a pending delivery whose next attempt is scheduled later steps in front of that attempt:
 * `resend_of = 'pending'`, and `resumes_at` keeps when the scheduled attempt is due. If it fails, the delivery is
 * due then again, and the attempt is counted in `unscheduled_attempts`, so that the schedule (its delays, and when it
 * gives up) goes by the attempts it made itself: retries clicked during a receiver's outage do not use it up.
 */
export class M023WebhookRetriesInFront extends Migration {
  override name = 'M023WebhookRetriesInFront';

  override up(): void {
    this.addSql('alter table webhook_deliveries drop constraint webhook_deliveries_resend_of_check');
    this.addSql(`alter table webhook_deliveries add constraint webhook_deliveries_resend_of_check check (resend_of in ('succeeded', 'failed', 'pending'))`);
    this.addSql('alter table webhook_deliveries add column resumes_at timestamptz null');
    this.addSql('alter table webhook_deliveries add column unscheduled_attempts integer not null default 0');
  }

  override down(): void {
    this.addSql(`update webhook_deliveries set next_attempt_at = resumes_at, resend_of = null where resend_of = 'pending'`);
    this.addSql('alter table webhook_deliveries drop column unscheduled_attempts');
    this.addSql('alter table webhook_deliveries drop column resumes_at');
    this.addSql('alter table webhook_deliveries drop constraint webhook_deliveries_resend_of_check');
    this.addSql(`alter table webhook_deliveries add constraint webhook_deliveries_resend_of_check check (resend_of in ('succeeded', 'failed'))`);
  }
}
