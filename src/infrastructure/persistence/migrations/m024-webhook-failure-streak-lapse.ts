import { Migration } from '@mikro-orm/migrations';

/**
 * When an endpoint's last attempt failed, beside when its failure streak started: a streak lapses after twice the
 * retry schedule's longest wait without a failed attempt (domain/webhooks/webhook-endpoint.ts, failureStreakAt), so
 * that one failure after days of nothing to send does not disable an endpoint as failing for all those days.
 */
export class M024WebhookFailureStreakLapse extends Migration {
  override name = 'M024WebhookFailureStreakLapse';

  override up(): void {
    this.addSql('alter table webhook_endpoints add column last_failed_at timestamptz null');
  }

  override down(): void {
    this.addSql('alter table webhook_endpoints drop column last_failed_at');
  }
}
