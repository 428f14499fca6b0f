/**
 * The shipped artifact: dist/bundle.js, the file dist/main.js starts in production (`npm run build`;
 * docs/decisions/0006-ship-one-bundle.md), typed from its entry, src/bundle.ts. HTTP tests build the app from
 * it, and take from it every class they hand to the app or ask it for (MikroORM, a scheduler, a port to
 * override): the same class the server registered, not a second copy from node_modules or src/.
 */
import { resolve } from 'node:path';
import type * as Bundle from '../../src/bundle';

const bundle = require(resolve(__dirname, '../../dist/bundle.js')) as typeof Bundle;

export const { AppModule, createApp, prepareApp, loadConfig, createFastifyAdapter, mikroOrmOptions, MikroORM, RequestContext, nestTesting } = bundle;
export const {
  Clock,
  EventPublisher,
  PaymentGateway,
  ReconcilePendingTransactions,
  MailQueue,
  PasswordHasher,
  UserRepository,
  RecordProductSales,
  QueueWebhookDeliveries,
  WebhookDeliveries,
  EventBroker,
  HandlerFailures,
  OutboxEventPublisher,
  OutboxRelay,
  OutboxRelayScheduler,
  SimulatedCardProcessor,
  PreparedRead,
  utcInstant,
  leaseSize,
  PostgresThrottlerStorage,
  RefusedClients,
  RATE_LIMIT_STORAGE,
  DestinationGuard,
  DemoDataSeeder,
  AcceptedRequests,
  IdentityPurgeScheduler,
  MailDeliveryScheduler,
  OrderExpiryScheduler,
  PaymentReconciliationScheduler,
  WebhookDeliveryScheduler,
} = bundle;
