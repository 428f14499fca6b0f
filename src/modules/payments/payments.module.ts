import { Module } from '@nestjs/common';
import { GetTransaction } from '../../application/payments/get-transaction';
import { ListTransactions } from '../../application/payments/list-transactions';
import { PayOrder } from '../../application/payments/pay-order';
import { PayableOrders } from '../../application/payments/payable-orders';
import { PaymentGateway } from '../../application/payments/payment-gateway';
import { PaymentSettlement } from '../../application/payments/payment-settlement';
import { ReconcilePendingTransactions } from '../../application/payments/reconcile-pending-transactions';
import { ReconciliationPolicy } from '../../application/payments/reconciliation-policy';
import { RefundOrder } from '../../application/payments/refund-order';
import { TransactionRepository } from '../../application/payments/transaction.repository';
import { AppConfig } from '../../infrastructure/config/app-config';
import { GatewayLatency, SimulatedCardProcessor } from '../../infrastructure/payments/simulated-card-processor';
import { MikroOrmTransactionRepository } from '../../infrastructure/persistence/payments/mikro-orm-transaction.repository';
import { OrderingModule } from '../ordering/ordering.module';
import { OrderPaymentsController } from './order-payments.controller';
import { OrderingPayableOrders } from './ordering-payable-orders.adapter';
import { PaymentReconciliationScheduler } from './payment-reconciliation.scheduler';
import { TransactionsController } from './transactions.controller';
import { StoreCurrencyConstraint } from '../shared/store-currency.constraint';

/** Payments, refunds and the transaction history: every money movement is a Transaction. */
@Module({
  imports: [OrderingModule],
  controllers: [OrderPaymentsController, TransactionsController],
  providers: [
    { provide: TransactionRepository, useClass: MikroOrmTransactionRepository },
    { provide: PayableOrders, useClass: OrderingPayableOrders },
    { provide: PaymentGateway, useClass: SimulatedCardProcessor },
    { provide: GatewayLatency, inject: [AppConfig], useFactory: (config: AppConfig) => ({ milliseconds: config.payments.gatewayLatencyMs }) },
    {
      provide: ReconciliationPolicy,
      inject: [AppConfig],
      useFactory: (config: AppConfig): ReconciliationPolicy => ({
        callDeadlineMs: config.payments.gatewayTimeoutMs,
        graceSeconds: config.payments.reconcileAfterSeconds,
      }),
    },
    PaymentSettlement,
    PayOrder,
    RefundOrder,
    StoreCurrencyConstraint,
    ListTransactions,
    GetTransaction,
    ReconcilePendingTransactions,
    PaymentReconciliationScheduler,
  ],
})
export class PaymentsModule {}
