import { createTransport, type Transporter } from 'nodemailer';
import { type MailMessage, Mailer } from '../../application/notifications/mailer';

/**
 * Sends through the SMTP server of SMTP_URL (smtps:// for implicit TLS; smtp:// with STARTTLS, required when the URL
 * carries credentials: see `requireTls`). The
 * timeouts below only bound each wait for the server (to connect, to greet, any silence on the socket): a server
 * that keeps answering slowly could hold a send for ever. What bounds a send is the caller's `signal`, its deadline
 * (deliver-due-mails.ts, shorter than the mail's lease): nodemailer closes the connection and rejects when it
 * aborts. A pool of connections is not worth it at the shop's pace of mails.
 */
export class SmtpMailer extends Mailer {
  private readonly transport: Transporter;

  constructor(url: string, from: string) {
    super();
    this.transport = createTransport({ url, requireTLS: requireTls(url), connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }, { from });
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

/** nodemailer's options on STARTTLS, as an SMTP URL's query may set them. */
const URL_TLS_OPTIONS = ['requireTLS', 'ignoreTLS', 'opportunisticTLS'];

/**
 * Whether a send must upgrade to TLS (STARTTLS) before it says anything: over smtp:// with a user or password in the
 * URL. nodemailer upgrades only when the server offers it, so a server that does not (or a machine in between that
 * strips the offer from the greeting) would receive the password, and every mail's reset and verification links,
 * in clear. Without credentials (a relay on the same host or network) the upgrade stays opportunistic. A URL that sets
 * nodemailer's TLS options itself (`?requireTLS=false`, `?ignoreTLS=true`, ...) decides: requireTLS would win over
 * the other two.
 */
export function requireTls(url: string): boolean {
  const { protocol, username, password, searchParams } = new URL(url);
  if (URL_TLS_OPTIONS.some((option) => searchParams.has(option))) return false;
  return protocol === 'smtp:' && (username !== '' || password !== '');
}
