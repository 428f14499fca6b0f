import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './infrastructure/config/app-config';
import { ConfigModule } from './infrastructure/config/config.module';
import { LoggerModule } from './infrastructure/logging/logger.module';
import { MetricsModule } from './infrastructure/metrics/metrics.module';
import { DatabaseModule } from './infrastructure/persistence/database.module';
import type { Writable } from 'node:stream';
import type { DatabaseHooks } from './infrastructure/persistence/mikro-orm-options';
import { ClockModule } from './infrastructure/time/clock.module';
import { EventsModule } from './infrastructure/events/events.module';
import { IdempotencyModule } from './infrastructure/http/idempotency/idempotency.module';
import { AuditModule } from './modules/audit/audit.module';
import { CatalogueModule } from './modules/catalogue/catalogue.module';
import { DemoDataModule } from './modules/demo/demo-data.module';
import { IdentityModule } from './modules/identity/identity.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { OperationsModule } from './modules/operations/operations.module';
import { OrderingModule } from './modules/ordering/ordering.module';
import { PaymentsModule } from './modules/payments/payments.module';
import { RateLimitsModule } from './modules/rate-limits/rate-limits.module';
import { ReportingModule } from './modules/reporting/reporting.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';

/** What a caller other than `npm start` may supply: tests hand in their own database and log stream. */
export interface AppHooks extends Pick<DatabaseHooks, 'pglite'> {
  logStream?: Writable;
}

/** The composition root: platform modules first, then one module per bounded context. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, hooks: AppHooks = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(config, hooks.logStream),
        MetricsModule,
        ClockModule,
        DatabaseModule.forRoot(config.database, { pglite: hooks.pglite }),
        EventsModule,
        IdempotencyModule,
        OperationsModule,
        RateLimitsModule,
        IdentityModule,
        CatalogueModule,
        OrderingModule,
        PaymentsModule,
        ReportingModule,
        AuditModule,
        NotificationsModule,
        WebhooksModule,
        DemoDataModule,
      ],
    };
  }
}
