import type { AccountMailParams } from '../../../application/notifications/account-mails';
import { html } from './html';
import { layout } from './layout';
import type { MailTemplate } from './mail-template';

export const emailChangeNotice: MailTemplate<AccountMailParams['email-change-notice']> = (params) =>
  layout({
    subject: 'Your account is moving to another address',
    heading: 'Your account is moving to another address',
    text: [
      `Someone signed in to your account asked to use ${params.newEmail} instead of this address. It changes once that address is confirmed.`,
      '',
      'If it was not you, reset your password now: that cancels the move.',
    ],
    html: html`<p>Someone signed in to your account asked to use <strong>${params.newEmail}</strong> instead of this address. It changes once that address is confirmed.</p>
<p>If it was not you, reset your password now: that cancels the move.</p>`,
  });
