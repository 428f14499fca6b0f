import type { AccountMailParams } from '../../../application/notifications/account-mails';
import { html } from './html';
import { layout } from './layout';
import type { MailTemplate } from './mail-template';

export const passwordChanged: MailTemplate<AccountMailParams['password-changed']> = () =>
  layout({
    subject: 'Your password was changed',
    heading: 'Your password was changed',
    text: ['The password of your account was just changed, and every other session of it ended.', '', 'If it was not you, reset your password now.'],
    html: html`<p>The password of your account was just changed, and every other session of it ended.</p>
<p>If it was not you, reset your password now.</p>`,
  });
