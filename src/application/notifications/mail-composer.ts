import type { MailMessage } from './mailer';
import type { QueuedMail } from './mail-queue';

/** Turns a queued mail's template and params into the subject, text and HTML that leave. */
export abstract class MailComposer {
  /** Rejects for a template it does not know or params that do not fit it: such a mail never leaves. */
  abstract compose(mail: Pick<QueuedMail, 'template' | 'to' | 'params'>): Promise<MailMessage>;
}
