import type { ShopMailParams } from '../../../application/notifications/shop-mails';
import { html } from './html';
import { layout, link, orderUrl } from './layout';
import type { MailTemplate } from './mail-template';
import { formatMoney } from './money';

export const paymentSucceeded: MailTemplate<ShopMailParams['payment-succeeded']> = (params, { publicAppUrl }) => {
  const amount = formatMoney(params.amount, params.currency);
  const url = orderUrl(publicAppUrl, params.orderId);
  return layout({
    subject: `Payment received for order ${params.orderId}`,
    heading: 'Payment received',
    text: [`We received your payment of ${amount} for order ${params.orderId}.`, '', `Follow your order at ${url}`],
    html: html`<p>We received your payment of <strong>${amount}</strong> for order ${params.orderId}.</p>
${link(url, 'Follow your order')}`,
  });
};
