import type { Mailer } from '../../application/notifications/mailer';
import type { MailConfig } from '../config/app-config';
import { DisabledMailer } from './disabled-mailer';
import { LogMailer } from './log-mailer';

/** The Mailer the configuration asks for. */
export async function createMailer(config: MailConfig): Promise<Mailer> {
  if (config.transport === 'disabled') return new DisabledMailer();
  if (config.transport === 'log' || !config.smtpUrl) return new LogMailer();
  // Loaded only when configured: nodemailer's code is heap and start-up time an instance without SMTP spares.
  const { SmtpMailer } = await import('./smtp-mailer.js');
  return new SmtpMailer(config.smtpUrl, config.from);
}
