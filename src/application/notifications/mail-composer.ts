import type { MailMessage } from './mailer';
import type { QueuedMail } from './mail-queue';

/** Turns a queued mail's template and params into the subject, text and HTML that leave. */
export abstract class MailComposer {
  /**
   * Rejects for a template it does not know, or when rendering throws. Params are not checked against the template:
   * they are trusted to fit it, since the code that queues a mail and its template are written together (typed in
   * shop-mails.ts and account-mails.ts). A mail that cannot be composed is retried on the delivery schedule like any
   * failed send, then given up, and never leaves.
   */
  abstract compose(mail: Pick<QueuedMail, 'template' | 'to' | 'params'>): Promise<MailMessage>;
}
