import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks. The delivery job claims by enabled endpoint, through an index per endpoint, so the pending deliveries of
 * a disabled endpoint are not scanned again on every tick. Every secret rotated away in the last 24 hours keeps
 * signing: `previous_secrets` holds them (sealed, with when each stops signing, newest first) instead of one.
 */
export class M014WebhookClaimsAndSecrets extends Migration {
  override name = 'M014WebhookClaimsAndSecrets';

  override up(): void {
    this.addSql(`create index webhook_deliveries_due_by_endpoint on webhook_deliveries (endpoint_id, next_attempt_at) where status = 'pending'`);
    this.addSql('drop index webhook_deliveries_due');
    this.addSql(`alter table webhook_endpoints add column previous_secrets jsonb not null default '[]'`);
    this.addSql(`
      update webhook_endpoints
         set previous_secrets = jsonb_build_array(jsonb_build_object('secret', previous_secret_ciphertext, 'expiresAt', previous_secret_expires_at))
       where previous_secret_ciphertext is not null and previous_secret_expires_at is not null`);
    this.addSql('alter table webhook_endpoints drop column previous_secret_ciphertext, drop column previous_secret_expires_at');
  }

  override down(): void {
    this.addSql('alter table webhook_endpoints add column previous_secret_ciphertext text null, add column previous_secret_expires_at timestamptz null');
    this.addSql(`
      update webhook_endpoints
         set previous_secret_ciphertext = previous_secrets -> 0 ->> 'secret',
             previous_secret_expires_at = (previous_secrets -> 0 ->> 'expiresAt')::timestamptz
       where jsonb_array_length(previous_secrets) > 0`);
    this.addSql('alter table webhook_endpoints drop column previous_secrets');
    this.addSql(`create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending'`);
    this.addSql('drop index webhook_deliveries_due_by_endpoint');
  }
}
