import { Injectable } from '@nestjs/common';
import { nextAttemptAfter } from '../../domain/notifications/delivery-schedule';
import { Clock } from '../shared/clock';
import { attemptDue, leaseMsFor, neverStopping, type Stopping, stoppingOrRunOver } from '../shared/leased-attempts';
import { MailComposer } from './mail-composer';
import { type ClaimedMail, MailQueue } from './mail-queue';
import { Mailer } from './mailer';

/** A send is abandoned after this long, whatever the SMTP server does (nodemailer's own timeouts bound idle waits only). */
export const SEND_DEADLINE_MS = 30_000;
/** Each mail's lease, taken just before its send: longer than the send may take, so no other instance claims it meanwhile. */
export const MAIL_LEASE_MS = leaseMsFor(SEND_DEADLINE_MS);
/** Mails sent at once by one instance: one at a time, one connection each, at the shop's pace of mails. */
const CONCURRENCY = 1;
const MAX_ERROR_LENGTH = 500;

/** A delivery attempt that failed, for the log: which mail and why, never its content. */
export interface FailedDelivery {
  readonly key: string;
  readonly template: string;
  readonly attempts: number;
  readonly error: string;
  /** True when this was the last attempt and the mail is given up; false when it will be tried again. */
  readonly gaveUp: boolean;
}

export interface DeliveryReport {
  readonly sent: number;
  readonly failures: readonly FailedDelivery[];
}

/**
 * Sends the queued mails that are due, the way application/shared/leased-attempts.ts says: no transaction stays open
 * across SMTP; each mail is claimed and leased on its own just before its send (a statement that commits at once,
 * FOR UPDATE SKIP LOCKED so instances share the work), sent outside any transaction under a deadline shorter than
 * its lease, and its outcome recorded only if no other attempt has claimed it since. A failed send is retried on the
 * delivery schedule; a process that dies mid-send leaves the lease to run out and the mail is sent again: delivery is
 * at least once. Once `stopping()` holds, no further mail is claimed.
 */
@Injectable()
export class DeliverDueMails {
  constructor(
    private readonly queue: MailQueue,
    private readonly composer: MailComposer,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  async execute(stopping: Stopping = neverStopping): Promise<DeliveryReport> {
    let sent = 0;
    const failures: FailedDelivery[] = [];
    await attemptDue({
      concurrency: CONCURRENCY,
      stopping: stoppingOrRunOver(stopping, this.clock),
      claim: () => {
        const now = this.clock.now();
        return this.queue.claimNext(now, new Date(now.getTime() + MAIL_LEASE_MS));
      },
      attempt: async (mail) => {
        const failure = await this.deliver(mail);
        if (failure) failures.push(failure);
        else sent += 1;
      },
    });
    return { sent, failures };
  }

  private async deliver(mail: ClaimedMail): Promise<FailedDelivery | undefined> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error(`Not sent within ${SEND_DEADLINE_MS / 1000} s: abandoned`)), SEND_DEADLINE_MS);
    try {
      await this.mailer.send(await this.composer.compose(mail), deadline.signal);
    } catch (cause) {
      const error = (cause instanceof Error ? cause.message : String(cause)).slice(0, MAX_ERROR_LENGTH);
      const retryAt = nextAttemptAfter(mail.attempts, this.clock.now());
      const recorded = retryAt ? await this.queue.retryAt(mail, retryAt, error) : await this.queue.markFailed(mail, error);
      return { key: mail.key, template: mail.template, attempts: mail.attempts, error, gaveUp: retryAt === null && recorded };
    } finally {
      clearTimeout(timer);
    }
    await this.queue.markSent(mail, this.clock.now());
    return undefined;
  }
}
