/** One composed mail, ready for the wire. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Where composed mails leave the application: SMTP, the log in development, or nowhere when mail is disabled. */
export abstract class Mailer {
  /** Resolves once the mail was handed over; rejects if it was not, so the caller retries later. */
  abstract send(message: MailMessage): Promise<void>;
}
