import { Migration } from '@mikro-orm/migrations';

/**
 * When an endpoint's last attempt failed, beside when its failure streak started: a streak lapses after a day
 * without a failed attempt, or twice the retry schedule's longest wait if that is longer (domain/webhooks/
 * webhook-endpoint.ts, failureStreakAt), so that one failure after days of nothing to send does not disable an
 * endpoint as failing for all those days.
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
