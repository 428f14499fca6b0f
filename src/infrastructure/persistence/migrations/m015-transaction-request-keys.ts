import { Migration } from '@mikro-orm/migrations';

/**
 * The request key (the caller's Idempotency-Key, scoped to the caller) that started each transaction. A retry
 * whose stored response was lost (released after a 5xx, or a claim taken over after its process died) finds the
 * transaction its first attempt started instead of moving money again. Up to 36 characters of scope, a colon and
 * 255 of key.
 */
export class M015TransactionRequestKeys extends Migration {
  override name = 'M015TransactionRequestKeys';

  override up(): void {
    this.addSql('alter table transactions add column request_key varchar(300) null');
    this.addSql('create index transactions_request_key_index on transactions (request_key, created_at) where request_key is not null');
  }

  override down(): void {
    this.addSql('drop index transactions_request_key_index');
    this.addSql('alter table transactions drop column request_key');
  }
}
