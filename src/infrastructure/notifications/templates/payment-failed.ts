import type { ShopMailParams } from '../../../application/notifications/shop-mails';
import { html } from './html';
import { layout, link, orderUrl } from './layout';
import type { MailTemplate } from './mail-template';
import { formatMoney } from './money';

/** The processor's failure codes as a customer reads them; an unknown code reads as a plain decline. */
const reasons: Record<string, string> = {
  card_declined: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  processing_error: 'The card processor could not be reached. Nothing was charged.',
};

export const paymentFailed: MailTemplate<ShopMailParams['payment-failed']> = (params, { publicAppUrl }) => {
  const amount = formatMoney(params.amount, params.currency);
  const reason = reasons[params.failureCode] ?? 'Your payment was declined.';
  const url = orderUrl(publicAppUrl, params.orderId);
  return layout({
    subject: `Payment failed for order ${params.orderId}`,
    heading: 'Your payment did not go through',
    text: [`Your payment of ${amount} for order ${params.orderId} failed. ${reason}`, '', `Try again with another card at ${url}`],
    html: html`<p>Your payment of <strong>${amount}</strong> for order ${params.orderId} failed. ${reason}</p>
${link(url, 'Try again with another card')}`,
  });
};
