import type { ShopMailParams } from '../../../application/notifications/shop-mails';
import { html } from './html';
import { layout, link, orderUrl } from './layout';
import type { MailTemplate } from './mail-template';

/** An order cancelled because it was not paid in time: its items went back on sale. */
export const orderExpired: MailTemplate<ShopMailParams['order-expired']> = (params, { publicAppUrl }) => {
  const url = orderUrl(publicAppUrl, params.orderId);
  return layout({
    subject: `Order ${params.orderId} was cancelled`,
    heading: 'Your order was cancelled',
    text: [
      `Order ${params.orderId} was not paid in time, so we cancelled it and released its items. Nothing was charged.`,
      '',
      `See the order at ${url}`,
    ],
    html: html`<p>Order ${params.orderId} was not paid in time, so we cancelled it and released its items. Nothing was charged.</p>
${link(url, 'See the order')}`,
  });
};
