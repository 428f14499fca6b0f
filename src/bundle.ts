/**
 * The entry of the shipped bundle, dist/bundle.js (scripts/bundle/build.mjs; docs/decisions/0006-ship-one-bundle.md):
 * the server and its packages in one file, which dist/main.js starts. The tests, scripts and benchmarks load
 * this same file (test/support/built.ts) and reach the app through what it exports here, so that a class they
 * ask Nest for, or a MikroORM they look up, is the one the server registered: a second copy of a class from
 * node_modules or from the compiled sources would be another class. Exporting costs the server nothing.
 */
export { serve } from './serve';

// Building the app.
export { AppModule } from './app.module';
export { createApp, prepareApp } from './create-app';
export { loadConfig } from './infrastructure/config/load-config';
export { createFastifyAdapter } from './infrastructure/http/fastify-adapter';
export { mikroOrmOptions } from './infrastructure/persistence/mikro-orm-options';
export { MikroORM, RequestContext } from '@mikro-orm/core';

/**
 * Nest's testing module, built with the Nest in this file: the tests override providers with it. Its code is
 * in the bundle but runs only when this is called; the server never calls it.
 */
export const nestTesting = () => import('@nestjs/testing');

// Ports and providers the tests replace, drive or watch.
export { Clock } from './application/shared/clock';
export { EventPublisher } from './application/shared/event-publisher';
export { PaymentGateway } from './application/payments/payment-gateway';
export { ReconcilePendingTransactions } from './application/payments/reconcile-pending-transactions';
export { MailQueue } from './application/notifications/mail-queue';
export { PasswordHasher } from './application/identity/password-hasher';
export { UserRepository } from './application/identity/user.repository';
export { RecordProductSales } from './application/reporting/record-product-sales';
export { QueueWebhookDeliveries } from './application/webhooks/queue-webhook-deliveries';
export { WebhookDeliveries } from './application/webhooks/webhook-deliveries';
export { EventBroker } from './infrastructure/events/event-broker';
export { HandlerFailures } from './infrastructure/events/handler-failures';
export { OutboxEventPublisher } from './infrastructure/events/outbox-event-publisher';
export { OutboxRelay } from './infrastructure/events/outbox-relay';
export { OutboxRelayScheduler } from './infrastructure/events/outbox-relay.scheduler';
export { SimulatedCardProcessor } from './infrastructure/payments/simulated-card-processor';
export { PreparedRead } from './infrastructure/persistence/prepared-read';
export { utcInstant } from './infrastructure/persistence/utc-instant';
export { leaseSize, PostgresThrottlerStorage } from './infrastructure/rate-limits/postgres-throttler-storage';
export { RefusedClients } from './infrastructure/rate-limits/refused-clients';
export { RATE_LIMIT_STORAGE } from './infrastructure/rate-limits/throttler-storage.module';
export { DestinationGuard } from './infrastructure/webhooks/destination-guard';
export { DemoDataSeeder } from './modules/demo/demo-data.seeder';
export { AcceptedRequests } from './modules/identity/accepted-requests';
export { IdentityPurgeScheduler } from './modules/identity/identity-purge.scheduler';
export { MailDeliveryScheduler } from './modules/notifications/mail-delivery.scheduler';
export { OrderExpiryScheduler } from './modules/ordering/order-expiry.scheduler';
export { PaymentReconciliationScheduler } from './modules/payments/payment-reconciliation.scheduler';
export { WebhookDeliveryScheduler } from './modules/webhooks/webhook-delivery.scheduler';

// What the benchmarks measure beside the API.
export { AccessTokenIssuer } from './application/identity/access-token-issuer';
export { ReportRange } from './domain/reporting/report-range';
export { SALES_BY_PERIOD_SQL, salesByPeriodParams } from './infrastructure/persistence/reporting/sql-sales-reports';
