import { Logger } from '@nestjs/common';
import { type MailMessage, Mailer } from '../../application/notifications/mailer';

/** MAIL_DISABLED=true: every mail is dropped; the debug log says which one, never what it said or to whom. */
export class DisabledMailer extends Mailer {
  private readonly logger = new Logger('Mail');

  // Nothing here waits on anything: the deadline (`signal`) has nothing to cut short.
  async send(message: MailMessage, _signal: AbortSignal): Promise<void> {
    this.logger.debug(`Mail not sent (MAIL_DISABLED=true): "${message.subject}"`);
  }
}
