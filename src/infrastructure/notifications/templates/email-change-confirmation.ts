import type { AccountMailParams } from '../../../application/notifications/account-mails';
import { tokenLink } from './account-link';
import { html } from './html';
import { layout, link } from './layout';
import type { MailTemplate } from './mail-template';

export const emailChangeConfirmation: MailTemplate<AccountMailParams['email-change-confirmation']> = (params, context) => {
  const { url, until } = tokenLink('verify-email', params, context);
  return layout({
    subject: 'Confirm your new email address',
    heading: 'Confirm your new email address',
    text: [
      `The account of ${params.previousEmail} asked to use this address from now on. Confirm it here:`,
      url,
      '',
      `The link works once, until ${until}. Until then the account keeps its current address.`,
    ],
    html: html`<p>The account of ${params.previousEmail} asked to use this address from now on.</p>
${link(url, 'Confirm my new address')}
<p>The link works once, until ${until}. Until then the account keeps its current address.</p>`,
  });
};
