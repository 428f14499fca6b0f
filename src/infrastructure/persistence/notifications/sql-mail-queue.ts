import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { type ClaimedMail, MailQueue, type QueuedMail } from '../../../application/notifications/mail-queue';
import { Clock } from '../../../application/shared/clock';

interface ClaimedRow {
  id: string;
  key: string;
  template: string;
  recipient: string;
  params: Record<string, unknown> | string;
  attempts: number;
}

/**
 * The `mail_messages` table. `enqueue` goes through the caller's EntityManager, so it joins the transaction it is
 * called in (the relay's, for event handlers); the delivery statements each commit on their own.
 */
@Injectable()
export class SqlMailQueue extends MailQueue {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly clock: Clock,
  ) {
    super();
  }

  async enqueue(mails: readonly QueuedMail[]): Promise<void> {
    if (mails.length === 0) return;
    const now = this.clock.now();
    await this.em.execute(
      `insert into mail_messages (id, key, template, recipient, params, next_attempt_at, created_at)
        values ${mails.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')} on conflict (key) do nothing`,
      mails.flatMap((mail) => [uuidv7(), mail.key, mail.template, mail.to, JSON.stringify(mail.params), now, now]),
      'run',
    );
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMail[]> {
    const rows = await this.em.execute<ClaimedRow[]>(
      `update mail_messages m set attempts = m.attempts + 1, next_attempt_at = ?
        from (select id from mail_messages where status = 'pending' and next_attempt_at <= ?
              order by next_attempt_at limit ? for update skip locked) due
        where m.id = due.id
        returning m.id, m.key, m.template, m.recipient, m.params, m.attempts`,
      [leaseUntil, now, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      key: row.key,
      template: row.template,
      to: row.recipient,
      params: typeof row.params === 'string' ? JSON.parse(row.params) : row.params,
      attempts: Number(row.attempts),
    }));
  }

  async markSent(id: string, sentAt: Date): Promise<void> {
    await this.em.execute(`update mail_messages set status = 'sent', sent_at = ?, last_error = null where id = ?`, [sentAt, id], 'run');
  }

  async retryAt(id: string, at: Date, error: string): Promise<void> {
    await this.em.execute('update mail_messages set next_attempt_at = ?, last_error = ? where id = ?', [at, error, id], 'run');
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.em.execute(`update mail_messages set status = 'failed', last_error = ? where id = ?`, [error, id], 'run');
  }
}
