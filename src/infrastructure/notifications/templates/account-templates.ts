import type { AccountMailParams, AccountMailTemplate } from '../../../application/notifications/account-mails';
import { emailChangeConfirmation } from './email-change-confirmation';
import { emailChangeNotice } from './email-change-notice';
import { emailVerification } from './email-verification';
import type { MailTemplate } from './mail-template';
import { passwordChanged } from './password-changed';
import { passwordReset } from './password-reset';

/** The mails an account is sent about itself, by template name (the type requires one for every name queued). */
export const accountTemplates: { readonly [T in AccountMailTemplate]: MailTemplate<AccountMailParams[T]> } = {
  'password-reset': passwordReset,
  'email-verification': emailVerification,
  'email-change-confirmation': emailChangeConfirmation,
  'email-change-notice': emailChangeNotice,
  'password-changed': passwordChanged,
};
