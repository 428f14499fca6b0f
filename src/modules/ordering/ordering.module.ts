import { Module } from '@nestjs/common';
import { CancelOrder } from '../../application/ordering/cancel-order';
import { ExpireOverdueOrders } from '../../application/ordering/expire-overdue-orders';
import { FulfilOrder } from '../../application/ordering/fulfil-order';
import { GetOrder } from '../../application/ordering/get-order';
import { ListOrders } from '../../application/ordering/list-orders';
import { OrderRepository } from '../../application/ordering/order.repository';
import { OrderViews } from '../../application/ordering/order-views';
import { OrderPayments } from '../../application/ordering/order-payments';
import { OrderingPolicy } from '../../application/ordering/ordering-policy';
import { PaymentsInFlight } from '../../application/ordering/payments-in-flight';
import { PlaceOrder } from '../../application/ordering/place-order';
import { StockLedger } from '../../application/ordering/stock-ledger';
import { AppConfig } from '../../infrastructure/config/app-config';
import { MikroOrmOrderRepository } from '../../infrastructure/persistence/ordering/mikro-orm-order.repository';
import { SqlOrderViews } from '../../infrastructure/persistence/ordering/sql-order-views';
import { SqlPaymentsInFlight } from '../../infrastructure/persistence/ordering/sql-payments-in-flight';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { CatalogueStockLedger } from './catalogue-stock-ledger.adapter';
import { OrderExpiryScheduler } from './order-expiry.scheduler';
import { OrdersController } from './orders.controller';

/** Ordering: orders and their lifecycle; the stock an order holds is taken from and put back to the catalogue. */
@Module({
  imports: [CatalogueModule],
  controllers: [OrdersController],
  providers: [
    { provide: OrderRepository, useClass: MikroOrmOrderRepository },
    { provide: OrderViews, useClass: SqlOrderViews },
    { provide: StockLedger, useClass: CatalogueStockLedger },
    { provide: PaymentsInFlight, useClass: SqlPaymentsInFlight },
    {
      provide: OrderingPolicy,
      inject: [AppConfig],
      useFactory: (config: AppConfig): OrderingPolicy => ({
        paymentTimeoutSeconds: config.ordering.paymentTimeoutSeconds,
        maxOpenOrders: config.ordering.maxOpenOrders,
        requireVerifiedEmail: config.auth.requireVerifiedEmail,
      }),
    },
    PlaceOrder,
    ListOrders,
    GetOrder,
    CancelOrder,
    FulfilOrder,
    ExpireOverdueOrders,
    OrderExpiryScheduler,
    OrderPayments,
  ],
  // OrderPayments is ordering's public service for the payments context.
  exports: [OrderPayments],
})
export class OrderingModule {}
