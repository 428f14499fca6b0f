import { Module, type OnModuleInit } from '@nestjs/common';
import { EventSubscriptions } from '../../application/shared/domain-event-handler';
import { DeleteWebhookEndpoint } from '../../application/webhooks/delete-webhook-endpoint';
import { DeliverDueWebhooks } from '../../application/webhooks/deliver-due-webhooks';
import { GetWebhookEndpoint } from '../../application/webhooks/get-webhook-endpoint';
import { ListWebhookDeliveries } from '../../application/webhooks/list-webhook-deliveries';
import { ListWebhookEndpoints } from '../../application/webhooks/list-webhook-endpoints';
import { QueueWebhookDeliveries } from '../../application/webhooks/queue-webhook-deliveries';
import { RecoverFailedWebhookDeliveries } from '../../application/webhooks/recover-failed-webhook-deliveries';
import { RegisterWebhookEndpoint } from '../../application/webhooks/register-webhook-endpoint';
import { RetryWebhookDelivery } from '../../application/webhooks/retry-webhook-delivery';
import { RotateWebhookSecret } from '../../application/webhooks/rotate-webhook-secret';
import { PurgeFinishedWebhookDeliveries } from '../../application/webhooks/purge-finished-webhook-deliveries';
import { SendTestWebhook } from '../../application/webhooks/send-test-webhook';
import { SecretSealer, SigningSecrets } from '../../application/webhooks/signing-secrets';
import { UpdateWebhookEndpoint } from '../../application/webhooks/update-webhook-endpoint';
import { WebhookDeliveries } from '../../application/webhooks/webhook-deliveries';
import { WebhookDestinations } from '../../application/webhooks/webhook-destinations';
import { WebhookEndpoints } from '../../application/webhooks/webhook-endpoints';
import { WebhookMetrics } from '../../application/webhooks/webhook-metrics';
import { WebhookSender } from '../../application/webhooks/webhook-sender';
import { WebhookSettings } from '../../application/webhooks/webhook-settings';
import { AppConfig } from '../../infrastructure/config/app-config';
import { SqlWebhookDeliveries } from '../../infrastructure/persistence/webhooks/sql-webhook-deliveries';
import { SqlWebhookEndpoints } from '../../infrastructure/persistence/webhooks/sql-webhook-endpoints';
import { DestinationGuard } from '../../infrastructure/webhooks/destination-guard';
import { HttpWebhookSender } from '../../infrastructure/webhooks/http-webhook-sender';
import { PrometheusWebhookMetrics } from '../../infrastructure/webhooks/prometheus-webhook-metrics';
import { RandomSigningSecrets } from '../../infrastructure/webhooks/random-signing-secrets';
import { SecretBox } from '../../infrastructure/webhooks/secret-box';
import { WebhookDeliveryScheduler } from './webhook-delivery.scheduler';
import { WebhookEndpointsController } from './webhook-endpoints.controller';

/**
 * Webhooks: integrators' endpoints fed from the domain events through a webhook outbox of its own, delivered by a
 * background job, signed as Standard Webhooks says, retried with backoff, guarded against reaching this network.
 */
@Module({
  controllers: [WebhookEndpointsController],
  providers: [
    { provide: SecretBox, inject: [AppConfig], useFactory: (config: AppConfig) => new SecretBox(config.webhooks.secretKey) },
    { provide: SecretSealer, useExisting: SecretBox },
    { provide: DestinationGuard, inject: [AppConfig], useFactory: (config: AppConfig) => new DestinationGuard(config.webhooks.allowPrivateNetworks) },
    { provide: WebhookDestinations, useExisting: DestinationGuard },
    {
      provide: WebhookSender,
      inject: [DestinationGuard, AppConfig],
      useFactory: (guard: DestinationGuard, config: AppConfig) => new HttpWebhookSender(guard, config.webhooks.timeoutMs),
    },
    {
      provide: WebhookSettings,
      inject: [AppConfig],
      useFactory: ({ webhooks }: AppConfig): WebhookSettings => ({
        allowHttp: webhooks.allowHttp,
        retryDelaysSeconds: webhooks.retryDelaysSeconds,
        timeoutMs: webhooks.timeoutMs,
      }),
    },
    { provide: SigningSecrets, useClass: RandomSigningSecrets },
    { provide: WebhookMetrics, useClass: PrometheusWebhookMetrics },
    { provide: WebhookEndpoints, useClass: SqlWebhookEndpoints },
    { provide: WebhookDeliveries, useClass: SqlWebhookDeliveries },
    RegisterWebhookEndpoint,
    ListWebhookEndpoints,
    GetWebhookEndpoint,
    UpdateWebhookEndpoint,
    DeleteWebhookEndpoint,
    RotateWebhookSecret,
    SendTestWebhook,
    ListWebhookDeliveries,
    RetryWebhookDelivery,
    RecoverFailedWebhookDeliveries,
    QueueWebhookDeliveries,
    DeliverDueWebhooks,
    PurgeFinishedWebhookDeliveries,
    WebhookDeliveryScheduler,
  ],
})
export class WebhooksModule implements OnModuleInit {
  constructor(
    private readonly subscriptions: EventSubscriptions,
    private readonly queueDeliveries: QueueWebhookDeliveries,
  ) {}

  // On init, before any application bootstrap hook starts the outbox relay, so no event goes by unseen.
  onModuleInit(): Promise<void> {
    return this.subscriptions.subscribe(this.queueDeliveries);
  }
}
