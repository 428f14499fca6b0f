import { Injectable } from '@nestjs/common';
import { nextAttemptAfter } from '../../domain/notifications/delivery-schedule';
import { Clock } from '../shared/clock';
import { MailComposer } from './mail-composer';
import { type ClaimedMail, MailQueue } from './mail-queue';
import { Mailer } from './mailer';

const BATCH = 20;
/** Longer than the SMTP adapter's timeouts allow a send to take: a mail is never sent by two instances at once. */
const LEASE_SECONDS = 120;
const MAX_ERROR_LENGTH = 500;

/** A delivery attempt that failed, for the log: which mail and why, never its content. */
export interface FailedDelivery {
  readonly key: string;
  readonly template: string;
  readonly attempts: number;
  readonly error: string;
  /** False when the mail will be tried again. */
  readonly gaveUp: boolean;
}

export interface DeliveryReport {
  readonly sent: number;
  readonly failures: readonly FailedDelivery[];
}

/**
 * Sends the queued mails that are due. The shape keeps no transaction open across SMTP: each batch is claimed in
 * one statement that commits at once (status stays pending, next_attempt_at moves to the end of a lease, FOR UPDATE
 * SKIP LOCKED so instances share the work); each mail is then sent outside any transaction and marked sent. A failed
 * send is retried on the delivery schedule; a process that dies mid-send leaves the lease to run out and the mail is
 * sent again: delivery is at least once.
 */
@Injectable()
export class DeliverDueMails {
  constructor(
    private readonly queue: MailQueue,
    private readonly composer: MailComposer,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<DeliveryReport> {
    let sent = 0;
    const failures: FailedDelivery[] = [];
    for (let claimed = BATCH; claimed === BATCH; ) {
      const now = this.clock.now();
      const due = await this.queue.claimDue(now, new Date(now.getTime() + LEASE_SECONDS * 1000), BATCH);
      for (const mail of due) {
        const failure = await this.deliver(mail);
        if (failure) failures.push(failure);
        else sent += 1;
      }
      claimed = due.length;
    }
    return { sent, failures };
  }

  private async deliver(mail: ClaimedMail): Promise<FailedDelivery | undefined> {
    try {
      await this.mailer.send(await this.composer.compose(mail));
    } catch (cause) {
      const error = (cause instanceof Error ? cause.message : String(cause)).slice(0, MAX_ERROR_LENGTH);
      const retryAt = nextAttemptAfter(mail.attempts, this.clock.now());
      if (retryAt) await this.queue.retryAt(mail.id, retryAt, error);
      else await this.queue.markFailed(mail.id, error);
      return { key: mail.key, template: mail.template, attempts: mail.attempts, error, gaveUp: retryAt === null };
    }
    await this.queue.markSent(mail.id, this.clock.now());
    return undefined;
  }
}
