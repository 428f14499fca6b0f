import type { AccountMailParams } from '../../../application/notifications/account-mails';
import { tokenLink } from './account-link';
import { html } from './html';
import { layout, link } from './layout';
import type { MailTemplate } from './mail-template';

export const passwordReset: MailTemplate<AccountMailParams['password-reset']> = (params, context) => {
  const { url, until } = tokenLink('reset-password', params, context);
  return layout({
    subject: 'Reset your password',
    heading: 'Reset your password',
    text: [
      'Someone, hopefully you, asked to reset the password of your account. Choose a new one here:',
      url,
      '',
      `The link works once, until ${until}. If you did not ask, ignore this mail: your password stays as it is.`,
    ],
    html: html`<p>Someone, hopefully you, asked to reset the password of your account.</p>
${link(url, 'Choose a new password')}
<p>The link works once, until ${until}. If you did not ask, ignore this mail: your password stays as it is.</p>`,
  });
};
