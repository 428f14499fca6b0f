import type { ShopMailParams } from '../../../application/notifications/shop-mails';
import { html } from './html';
import { layout, link, orderUrl } from './layout';
import type { MailTemplate } from './mail-template';
import { formatMoney } from './money';

/** The receipt of a placed order: every line with its quantity, unit price and total, and the order's total. */
export const orderReceipt: MailTemplate<ShopMailParams['order-receipt']> = (params, { publicAppUrl }) => {
  const money = (amount: number) => formatMoney(amount, params.currency);
  const url = orderUrl(publicAppUrl, params.orderId);
  const cell = html`style="padding: 4px 8px; border-bottom: 1px solid #ddd;"`;
  return layout({
    subject: `Your order ${params.orderId}`,
    heading: 'Thank you for your order',
    text: [
      `Order ${params.orderId}`,
      '',
      ...params.lines.map((line) => `${line.quantity} x ${line.name} at ${money(line.unitPrice)} = ${money(line.lineTotal)}`),
      '',
      `Total: ${money(params.totalAmount)}`,
      '',
      `Pay or follow your order at ${url}`,
    ],
    html: html`<p>Order ${params.orderId}</p>
<table style="border-collapse: collapse;">
<thead><tr><th align="left">Product</th><th align="right">Quantity</th><th align="right">Unit price</th><th align="right">Total</th></tr></thead>
<tbody>
${params.lines.map(
  (line) =>
    html`<tr><td ${cell}>${line.name}</td><td align="right" ${cell}>${line.quantity}</td><td align="right" ${cell}>${money(line.unitPrice)}</td><td align="right" ${cell}>${money(line.lineTotal)}</td></tr>
`,
)}</tbody>
<tfoot><tr><th align="left" colspan="3">Total</th><th align="right">${money(params.totalAmount)}</th></tr></tfoot>
</table>
${link(url, 'Pay or follow your order')}`,
  });
};
