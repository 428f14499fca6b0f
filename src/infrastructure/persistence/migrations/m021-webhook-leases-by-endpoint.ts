import { Migration } from '@mikro-orm/migrations';

/**
 * The deliveries under an attempt's lease, by endpoint: a claim counts an endpoint's before it takes another of its
 * deliveries (sql-webhook-deliveries.ts, MAX_IN_FLIGHT_PER_ENDPOINT). A lease ends with the outcome recorded
 * (`leased_until` back to null), so the index holds the attempts under way, and those an instance that stopped
 * left behind until their leases run out: a few rows per instance.
 */
export class M021WebhookLeasesByEndpoint extends Migration {
  override name = 'M021WebhookLeasesByEndpoint';

  override up(): void {
    this.addSql('create index webhook_deliveries_leased_by_endpoint on webhook_deliveries (endpoint_id) where leased_until is not null');
  }

  override down(): void {
    this.addSql('drop index webhook_deliveries_leased_by_endpoint');
  }
}
