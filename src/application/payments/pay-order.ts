import { Injectable } from '@nestjs/common';
import { OrderNotPayable, PayableOrderNotFound, PaymentDeclined } from '../../domain/payments/payments.errors';
import { Transaction } from '../../domain/payments/transaction';
import type { Actor } from '../shared/actor';
import { Clock } from '../shared/clock';
import { UnitOfWork } from '../shared/unit-of-work';
import { PaymentGateway } from './payment-gateway';
import { PaymentSettlement } from './payment-settlement';
import { PayableOrders } from './payable-orders';
import { TransactionRepository } from './transaction.repository';

/**
 * Charges an order's total. The pending transaction is committed before the processor is called and settled
 * after, so no charge can happen without a record of it; a declined one is a 402 naming it.
 */
@Injectable()
export class PayOrder {
  constructor(
    private readonly transactions: TransactionRepository,
    private readonly orders: PayableOrders,
    private readonly gateway: PaymentGateway,
    private readonly settlement: PaymentSettlement,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: { orderId: string; paymentMethod: string }): Promise<Transaction> {
    const pending = await this.uow.run(async () => {
      const order = await this.orders.lock(input.orderId);
      // Only the owner pays; to anyone else the order does not exist.
      if (!order || order.customerId !== actor.userId) throw new PayableOrderNotFound(input.orderId);
      if (order.status !== 'pending_payment') throw new OrderNotPayable(order.id, order.status);
      const transaction = Transaction.startPayment({
        id: this.transactions.nextId(),
        orderId: order.id,
        customerId: order.customerId,
        orderTotal: order.total,
        paymentMethod: input.paymentMethod,
        now: this.clock.now(),
      });
      await this.transactions.add(transaction);
      return transaction;
    });

    const settled = await this.settlement.settleCall(pending.id, () =>
      this.gateway.charge({ reference: pending.id, amount: pending.amount, currency: pending.currency, paymentMethod: pending.paymentMethod }),
    );
    if (settled.status === 'failed') throw new PaymentDeclined(settled.id, settled.failureCode ?? 'declined');
    return settled;
  }
}
