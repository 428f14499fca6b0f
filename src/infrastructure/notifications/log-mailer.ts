import { Logger } from '@nestjs/common';
import { type MailMessage, Mailer } from '../../application/notifications/mailer';

/**
 * Development without SMTP_URL: each mail is written to the log, with its links listed, so a developer can follow
 * them. Configuration never chooses it in production (a log is no place for a customer's mail).
 */
export class LogMailer extends Mailer {
  private readonly logger = new Logger('Mail');

  // Nothing here waits on anything: the deadline (`signal`) has nothing to cut short.
  async send(message: MailMessage, _signal: AbortSignal): Promise<void> {
    const links = message.text.match(/https?:\/\/\S+/g) ?? [];
    this.logger.log({ mail: { to: message.to, subject: message.subject, links } }, `Mail (not sent: no SMTP_URL) to ${message.to}: ${message.subject}\n\n${message.text}`);
  }
}
