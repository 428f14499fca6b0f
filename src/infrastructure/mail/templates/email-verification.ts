import type { AccountMailParams } from '../../../application/notifications/account-mails';
import { expiry, tokenUrl } from './account-link';
import { html } from './html';
import { layout, link } from './layout';
import type { MailTemplate } from './mail-template';

export const emailVerification: MailTemplate<AccountMailParams['email-verification']> = (params, { publicAppUrl, tokenOf }) => {
  const url = tokenUrl(publicAppUrl, 'verify-email', tokenOf(params.tokenId));
  const until = expiry(params.expiresAt);
  return layout({
    subject: 'Confirm your email address',
    heading: 'Confirm your email address',
    text: ['Confirm that this address is yours:', url, '', `The link works once, until ${until}.`],
    html: html`<p>Confirm that this address is yours.</p>
${link(url, 'Confirm my address')}
<p>The link works once, until ${until}.</p>`,
  });
};
