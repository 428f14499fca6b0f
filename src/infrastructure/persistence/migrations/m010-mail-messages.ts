import { Migration } from '@mikro-orm/migrations';

/**
 * The mail outbox: mails queued by event handlers (in the relay's transaction, when they run in-process), sent by the delivery job
 * (application/notifications/deliver-due-mails.ts). `key` makes queueing idempotent; the partial index serves the
 * job's claim of due pending mails.
 */
export class M010MailMessages extends Migration {
  override name = 'M010MailMessages';

  override up(): void {
    this.addSql(`
      create table mail_messages (
        id uuid primary key,
        key text not null unique,
        template varchar(64) not null,
        recipient varchar(254) not null,
        params jsonb not null,
        status varchar(16) not null default 'pending' check (status in ('pending', 'sent', 'failed')),
        attempts integer not null default 0 check (attempts >= 0),
        next_attempt_at timestamptz not null,
        last_error text null,
        created_at timestamptz not null,
        sent_at timestamptz null
      )`);
    this.addSql(`create index mail_messages_due on mail_messages (next_attempt_at) where status = 'pending'`);
  }

  override down(): void {
    this.addSql('drop table mail_messages');
  }
}
