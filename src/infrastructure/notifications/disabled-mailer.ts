import { Logger } from '@nestjs/common';
import { type MailMessage, Mailer } from '../../application/notifications/mailer';

/** MAIL_DISABLED=true: every mail is dropped; the debug log says which one, never what it said or to whom. */
export class DisabledMailer extends Mailer {
  private readonly logger = new Logger('Mail');

  async send(message: MailMessage): Promise<void> {
    this.logger.debug(`Mail not sent (MAIL_DISABLED=true): "${message.subject}"`);
  }
}
