import type { AccountMailParams } from '../../../application/notifications/account-mails';
import { tokenLink } from './account-link';
import { html } from './html';
import { layout, link } from './layout';
import type { MailTemplate } from './mail-template';

export const emailVerification: MailTemplate<AccountMailParams['email-verification']> = (params, context) => {
  const { url, until } = tokenLink('verify-email', params, context);
  return layout({
    subject: 'Confirm your email address',
    heading: 'Confirm your email address',
    text: ['Confirm that this address is yours:', url, '', `The link works once, until ${until}.`],
    html: html`<p>Confirm that this address is yours.</p>
${link(url, 'Confirm my address')}
<p>The link works once, until ${until}.</p>`,
  });
};
