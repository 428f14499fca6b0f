/**
 * The mails the shop sends its customers, by template name, with the params each is queued with (amounts in
 * integer minor units). Shared by the handler that queues them and the templates that render them.
 */
export interface ShopMailParams {
  'order-receipt': {
    orderId: string;
    lines: ReadonlyArray<{ name: string; quantity: number; unitPrice: number; lineTotal: number }>;
    totalAmount: number;
    currency: string;
  };
  'payment-succeeded': { orderId: string; amount: number; currency: string };
  'payment-failed': { orderId: string; amount: number; currency: string; failureCode: string };
  'refund-issued': { orderId: string; amount: number; currency: string };
  /** The order was cancelled because it was not paid in time. */
  'order-expired': { orderId: string };
}

export type ShopMailTemplate = keyof ShopMailParams;
