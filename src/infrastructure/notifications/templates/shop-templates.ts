import type { ShopMailParams, ShopMailTemplate } from '../../../application/notifications/shop-mails';
import type { MailTemplate } from './mail-template';
import { orderExpired } from './order-expired';
import { orderReceipt } from './order-receipt';
import { paymentFailed } from './payment-failed';
import { paymentSucceeded } from './payment-succeeded';
import { refundIssued } from './refund-issued';

/** The shop's mails, by template name: a name the handler queues must have its template here (the type says so). */
export const shopTemplates: { readonly [T in ShopMailTemplate]: MailTemplate<ShopMailParams[T]> } = {
  'order-receipt': orderReceipt,
  'payment-succeeded': paymentSucceeded,
  'payment-failed': paymentFailed,
  'refund-issued': refundIssued,
  'order-expired': orderExpired,
};
