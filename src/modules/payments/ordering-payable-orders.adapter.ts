import { Injectable } from '@nestjs/common';
import { OrderPayments } from '../../application/ordering/order-payments';
import { type PayableOrder, PayableOrders } from '../../application/payments/payable-orders';

/** Bridges payments' port to the ordering context's public application service. */
@Injectable()
export class OrderingPayableOrders extends PayableOrders {
  constructor(private readonly orderPayments: OrderPayments) {
    super();
  }

  async lock(orderId: string): Promise<PayableOrder | null> {
    const order = await this.orderPayments.lock(orderId);
    return order && { id: order.id, customerId: order.customerId, status: order.status, total: order.total, paymentDueAt: order.paymentDueAt };
  }

  markPaid(orderId: string, now: Date): Promise<void> {
    return this.orderPayments.markPaid(orderId, now);
  }

  markRefunded(orderId: string, now: Date): Promise<void> {
    return this.orderPayments.markRefunded(orderId, now);
  }
}
