import { createTransport, type Transporter } from 'nodemailer';
import { type MailMessage, Mailer } from '../../application/notifications/mailer';

/**
 * Sends through the SMTP server of SMTP_URL (smtp:// with STARTTLS when offered, smtps:// for implicit TLS).
 * Timeouts are short so that a send never outlives the delivery lease (deliver-due-mails.ts); a pool of
 * connections is not worth it at the shop's pace of mails.
 */
export class SmtpMailer extends Mailer {
  private readonly transport: Transporter;

  constructor(url: string, from: string) {
    super();
    this.transport = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }, { from });
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail(message);
  }
}
