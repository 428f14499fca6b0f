import { Injectable } from '@nestjs/common';
import { GatewayFailed, PayableOrderNotFound } from '../../domain/payments/payments.errors';
import { assertRefundable } from '../../domain/payments/refund-policy';
import { Transaction } from '../../domain/payments/transaction';
import { Money } from '../../domain/shared/money';
import { Clock } from '../shared/clock';
import { StoreCurrency, storeMoney } from '../shared/store-currency';
import { UnitOfWork } from '../shared/unit-of-work';
import { answerToRetry, earlierAttempt } from './earlier-attempt';
import { PaymentGateway } from './payment-gateway';
import { PaymentSettlement } from './payment-settlement';
import { PayableOrders } from './payable-orders';
import { TransactionRepository } from './transaction.repository';

/**
 * Admins return money, in part or whole. The check that refunds stay within the paid amount runs under the
 * order's row lock, counting refunds still pending, so concurrent refunds can never add up to more.
 */
@Injectable()
export class RefundOrder {
  constructor(
    private readonly transactions: TransactionRepository,
    private readonly orders: PayableOrders,
    private readonly gateway: PaymentGateway,
    private readonly settlement: PaymentSettlement,
    private readonly currency: StoreCurrency,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(input: { orderId: string; amount: { amount: number; currency: string }; reason: string; requestKey: string }): Promise<Transaction> {
    const requested = storeMoney(this.currency, input.amount);
    const started = await this.uow.run(async () => {
      const order = await this.orders.lock(input.orderId);
      if (!order) throw new PayableOrderNotFound(input.orderId);
      const payment = await this.transactions.succeededPayment(order.id);
      const refund = Transaction.startRefund({
        id: this.transactions.nextId(),
        orderId: order.id,
        customerId: order.customerId,
        amount: requested,
        paymentMethod: payment?.paymentMethod ?? '', // none before a payment: the policy below refuses the refund
        reason: input.reason,
        requestKey: input.requestKey,
        now: this.clock.now(),
      });
      // Before the refund policy: what a first attempt refunded counts against the paid amount.
      const earlier = await earlierAttempt(this.transactions, refund);
      if (earlier) return { earlier, pending: null };
      const refunded = await this.transactions.refundTotals(order.id);
      assertRefundable({
        orderId: order.id,
        orderStatus: order.status,
        paid: payment ? payment.money : Money.zero(requested.currency),
        alreadyRefunded: Money.of(refunded.notFailed, requested.currency),
        requested,
      });
      await this.transactions.add(refund);
      return { earlier: null, pending: refund, chargeReference: payment!.gatewayReference! };
    });
    if (started.earlier) return answerToRetry(started.earlier);
    const { pending, chargeReference } = started;

    const settled = await this.settlement.settleCall(pending.id, (signal) =>
      this.gateway.refund({ reference: pending.id, chargeReference, amount: pending.amount, currency: pending.currency }, signal),
    );
    // Refused, or settled as never received: no money moved, and the admin is told so, never with a 201.
    if (settled.status === 'failed') throw new GatewayFailed(settled.id);
    return settled;
  }
}
