import { createTransport, type Transporter } from 'nodemailer';
import { type MailMessage, Mailer } from '../../application/notifications/mailer';

/**
 * Sends through the SMTP server of SMTP_URL (smtp:// with STARTTLS when offered, smtps:// for implicit TLS). The
 * timeouts below only bound each wait for the server (to connect, to greet, any silence on the socket): a server
 * that keeps answering slowly could hold a send for ever. What bounds a send is the caller's `signal`, its deadline
 * (deliver-due-mails.ts, shorter than the mail's lease): nodemailer closes the connection and rejects when it
 * aborts. A pool of connections is not worth it at the shop's pace of mails.
 */
export class SmtpMailer extends Mailer {
  private readonly transport: Transporter;

  constructor(url: string, from: string) {
    super();
    this.transport = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }, { from });
  }

  async send(message: MailMessage, signal: AbortSignal): Promise<void> {
    try {
      await this.transport.sendMail({ ...message, signal });
    } catch (error) {
      // nodemailer says "Message sending aborted"; the deadline's own reason says why.
      throw signal.aborted && signal.reason instanceof Error ? signal.reason : error;
    }
  }
}
