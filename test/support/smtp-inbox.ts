import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** A mail as the inbox received and parsed it. */
export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * A real SMTP server on a free port of 127.0.0.1 (no TLS, no authentication needed), keeping what it receives,
 * parsed. The first `refuseFirst` mails (of those `refusing` picks, every one by default) are answered with a temporary
 * failure (451), as a server in trouble would.
 */
export class SmtpInbox {
  readonly messages: ReceivedMail[] = [];
  /** How many mails were refused. */
  refused = 0;
  private readonly server: SMTPServer;

  private constructor(
    private readonly refuseFirst: number,
    private readonly refusing: (mail: ReceivedMail) => boolean,
  ) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(() => callback(), (error: Error) => callback(error));
      },
    });
  }

  static async start(options: { refuseFirst?: number; refusing?: (mail: ReceivedMail) => boolean } = {}): Promise<SmtpInbox> {
    const inbox = new SmtpInbox(options.refuseFirst ?? 0, options.refusing ?? (() => true));
    await new Promise<void>((resolve) => inbox.server.listen(0, '127.0.0.1', resolve));
    return inbox;
  }

  /** Where the app sends: SMTP_URL. */
  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** The first mail received (or yet to be received within `timeoutMs`) that matches. */
  async waitFor(matches: (mail: ReceivedMail) => boolean, timeoutMs = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(matches);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching mail within ${timeoutMs} ms; received: ${this.messages.map((m) => m.subject).join(' | ')}`);
      await sleep(50);
    }
  }

  /** The mails received for one recipient. */
  to(address: string): ReceivedMail[] {
    return this.messages.filter((mail) => mail.to.includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const parsed = await simpleParser(stream);
    const mail = {
      to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
      from: addressText(parsed.from),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: parsed.html || '',
    };
    if (this.refused < this.refuseFirst && this.refusing(mail)) {
      this.refused += 1;
      throw Object.assign(new Error('Try again later'), { responseCode: 451 });
    }
    this.messages.push(mail);
  }
}

const addressText = (address: AddressObject | AddressObject[] | undefined) =>
  [address ?? []].flat().map((a) => a.text).join(', ');
