/** One composed mail, ready for the wire. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Where composed mails leave the application: SMTP, the log in development, or nowhere when mail is disabled. */
export abstract class Mailer {
  /**
   * Resolves once the mail was handed over; rejects if it was not, so the caller retries later. Rejects as soon as
   * `signal` aborts (the send's deadline), dropping the connection: a send never outlives it.
   */
  abstract send(message: MailMessage, signal: AbortSignal): Promise<void>;
}
