import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { type ClaimedMail, MailQueue, type QueuedMail } from '../../../application/notifications/mail-queue';
import { Clock } from '../../../application/shared/clock';
import { LeasedOutbox } from '../leased-outbox';

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
 * called in (the relay's, for event handlers, when they run in-process); the delivery statements each commit on their
 * own, under the lease scheme of LeasedOutbox.
 */
@Injectable()
export class SqlMailQueue extends MailQueue {
  private readonly outbox: LeasedOutbox;

  constructor(
    private readonly em: SqlEntityManager,
    private readonly clock: Clock,
  ) {
    super();
    this.outbox = new LeasedOutbox('mail_messages', em);
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

  async claimNext(now: Date, leaseUntil: Date): Promise<ClaimedMail | undefined> {
    const row = await this.outbox.claim<ClaimedRow>(
      {
        due: `select id from mail_messages where ${LeasedOutbox.claimable()} order by next_attempt_at limit 1 for update skip locked`,
        params: [now, now],
        returning: 'claimed.id, claimed.key, claimed.template, claimed.recipient, claimed.params, claimed.attempts',
      },
      leaseUntil,
    );
    if (!row) return undefined;
    return {
      id: row.id,
      key: row.key,
      template: row.template,
      to: row.recipient,
      params: typeof row.params === 'string' ? JSON.parse(row.params) : row.params,
      attempts: Number(row.attempts),
    };
  }

  markSent(mail: ClaimedMail, sentAt: Date): Promise<boolean> {
    return this.outbox.record(mail, { status: 'sent', sent_at: sentAt, last_error: null });
  }

  retryAt(mail: ClaimedMail, at: Date, error: string): Promise<boolean> {
    return this.outbox.record(mail, { next_attempt_at: at, last_error: error });
  }

  markFailed(mail: ClaimedMail, error: string): Promise<boolean> {
    return this.outbox.record(mail, { status: 'failed', last_error: error });
  }

  /** A sent mail finished when it was sent; a given-up one within minutes of being queued (the delivery schedule). */
  purgeFinished(before: Date): Promise<number> {
    return this.outbox.purgeFinished('coalesce(sent_at, created_at)', before);
  }
}
