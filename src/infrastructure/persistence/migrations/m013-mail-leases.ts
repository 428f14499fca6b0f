import { Migration } from '@mikro-orm/migrations';

/**
 * Mails are leased the way webhook deliveries are (infrastructure/persistence/leased-outbox.ts): one at a time, in
 * `leased_until`, instead of by moving `next_attempt_at` to the end of a lease over a whole batch.
 */
export class M013MailLeases extends Migration {
  override name = 'M013MailLeases';

  override up(): void {
    this.addSql('alter table mail_messages add column leased_until timestamptz null');
  }

  override down(): void {
    this.addSql('alter table mail_messages drop column leased_until');
  }
}
