import { Injectable } from '@nestjs/common';
import { assertPayable } from '../../domain/payments/payment-policy';
import { PayableOrderNotFound, PaymentDeclined } from '../../domain/payments/payments.errors';
import { Transaction } from '../../domain/payments/transaction';
import type { Actor } from '../shared/actor';
import { Clock } from '../shared/clock';
import { UnitOfWork } from '../shared/unit-of-work';
import { answerToRetry, earlierAttempt } from './earlier-attempt';
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

  async execute(actor: Actor, input: { orderId: string; paymentMethod: string; requestKey: string }): Promise<Transaction> {
    const started = await this.uow.run(async () => {
      const order = await this.orders.lock(input.orderId);
      // Only the owner pays; to anyone else the order does not exist.
      if (!order || order.customerId !== actor.userId) throw new PayableOrderNotFound(input.orderId);
      const now = this.clock.now();
      const transaction = Transaction.startPayment({
        id: this.transactions.nextId(),
        orderId: order.id,
        customerId: order.customerId,
        orderTotal: order.total,
        paymentMethod: input.paymentMethod,
        requestKey: input.requestKey,
        now,
      });
      // Before the order's status: the payment a first attempt made has made the order paid.
      const earlier = await earlierAttempt(this.transactions, transaction);
      if (earlier) return { earlier, pending: null };
      assertPayable({ orderId: order.id, orderStatus: order.status, paymentDueAt: order.paymentDueAt, now });
      await this.transactions.add(transaction);
      return { earlier: null, pending: transaction };
    });
    if (started.earlier) return answerToRetry(started.earlier);
    const { pending } = started;

    const settled = await this.settlement.settleCall(pending.id, (signal) =>
      this.gateway.charge({ reference: pending.id, amount: pending.amount, currency: pending.currency, paymentMethod: pending.paymentMethod }, signal),
    );
    if (settled.status === 'failed') throw new PaymentDeclined(settled.id, settled.failureCode ?? 'declined');
    return settled;
  }
}
