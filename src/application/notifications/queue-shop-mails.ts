import { Injectable } from '@nestjs/common';
import { DomainEventHandler, type PublishedEvent } from '../shared/domain-event-handler';
import { MailQueue, type QueuedMail } from './mail-queue';
import { RecipientDirectory } from './recipient-directory';
import type { ShopMailParams, ShopMailTemplate } from './shop-mails';

/** What one event asks to be mailed, and to which customer. */
interface ShopMail<T extends ShopMailTemplate = ShopMailTemplate> {
  template: T;
  customerId: string;
  params: ShopMailParams[T];
}

/**
 * The fields this consumer reads of the events ordering and payments publish (their published contract: the
 * contexts share no code).
 */
interface OrderPlacedPayload {
  customerId: string;
  lines: ReadonlyArray<{ name: string; quantity: number; unitPrice: number; lineTotal: number }>;
  totalAmount: number;
  currency: string;
}
interface OrderCancelledPayload {
  customerId: string;
  reason: string;
}
interface MoneyMovedPayload {
  orderId: string;
  customerId: string;
  amount: number;
  currency: string;
  failureCode?: string;
}

/**
 * Queues the shop's mails to its customers from domain events: a receipt for a placed order, the outcome of a
 * payment, a refund, and an order cancelled because it was not paid in time (a cancellation the customer or an admin
 * made needs no mail). Keyed by event and template, so an event delivered twice queues one mail.
 */
@Injectable()
export class QueueShopMails extends DomainEventHandler {
  readonly name = 'shop-mails';

  constructor(
    private readonly queue: MailQueue,
    private readonly recipients: RecipientDirectory,
  ) {
    super();
  }

  handle(event: PublishedEvent): Promise<void> {
    return this.handleAll([event]);
  }

  /** The relay's whole batch: one read of the addresses, one insert. */
  override async handleAll(events: readonly PublishedEvent[]): Promise<void> {
    const wanted = events.flatMap((event) => {
      const mail = shopMailFor(event);
      return mail ? [{ event, mail }] : [];
    });
    if (wanted.length === 0) return;
    const addresses = await this.recipients.emailsOf(wanted.map(({ mail }) => mail.customerId));
    const mails: QueuedMail[] = wanted.flatMap(({ event, mail }) => {
      const to = addresses.get(mail.customerId);
      return to ? [{ key: `${event.id}:${mail.template}`, template: mail.template, to, params: mail.params }] : [];
    });
    if (mails.length > 0) await this.queue.enqueue(mails);
  }
}

function shopMailFor(event: PublishedEvent): ShopMail | undefined {
  switch (event.type) {
    case 'order.placed': {
      const { customerId, lines, totalAmount, currency } = event.payload as unknown as OrderPlacedPayload;
      const receiptLines = lines.map(({ name, quantity, unitPrice, lineTotal }) => ({ name, quantity, unitPrice, lineTotal }));
      return { template: 'order-receipt', customerId, params: { orderId: event.aggregateId, lines: receiptLines, totalAmount, currency } };
    }
    case 'order.cancelled': {
      const { customerId, reason } = event.payload as unknown as OrderCancelledPayload;
      return reason === 'payment_timeout' ? { template: 'order-expired', customerId, params: { orderId: event.aggregateId } } : undefined;
    }
    case 'payment.succeeded':
    case 'refund.issued': {
      const { orderId, customerId, amount, currency } = event.payload as unknown as MoneyMovedPayload;
      const template = event.type === 'payment.succeeded' ? 'payment-succeeded' : 'refund-issued';
      return { template, customerId, params: { orderId, amount, currency } };
    }
    case 'payment.failed': {
      const { orderId, customerId, amount, currency, failureCode = 'declined' } = event.payload as unknown as MoneyMovedPayload;
      return { template: 'payment-failed', customerId, params: { orderId, amount, currency, failureCode } };
    }
    default:
      return undefined;
  }
}
