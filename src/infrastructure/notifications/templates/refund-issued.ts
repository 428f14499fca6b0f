import type { ShopMailParams } from '../../../application/notifications/shop-mails';
import { html } from './html';
import { layout, link, orderUrl } from './layout';
import type { MailTemplate } from './mail-template';
import { formatMoney } from './money';

export const refundIssued: MailTemplate<ShopMailParams['refund-issued']> = (params, { publicAppUrl }) => {
  const amount = formatMoney(params.amount, params.currency);
  const url = orderUrl(publicAppUrl, params.orderId);
  return layout({
    subject: `Refund of ${amount} for order ${params.orderId}`,
    heading: 'Your refund is on its way',
    text: [`We refunded ${amount} for order ${params.orderId} to your card.`, '', `See your order at ${url}`],
    html: html`<p>We refunded <strong>${amount}</strong> for order ${params.orderId} to your card.</p>
${link(url, 'See your order')}`,
  });
};
