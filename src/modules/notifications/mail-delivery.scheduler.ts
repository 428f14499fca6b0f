import { MikroORM } from '@mikro-orm/core';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DeliverDueMails } from '../../application/notifications/deliver-due-mails';
import { PurgeFinishedMails } from '../../application/notifications/purge-finished-mails';
import type { Stopping } from '../../application/shared/leased-attempts';
import { AppConfig } from '../../infrastructure/config/app-config';
import { PeriodicJob } from '../../infrastructure/scheduling/periodic-job';

/**
 * Sends due mails every MAIL_DELIVERY_INTERVAL_MS on every instance, logging each failed attempt, never a mail's
 * content; deletes sent and given-up mails after EVENT_RETENTION_DAYS (every ten minutes, like the outbox's purge).
 */
@Injectable()
export class MailDeliveryScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly job: PeriodicJob;
  readonly purge: PeriodicJob;
  private readonly logger = new Logger('MailDelivery');

  constructor(
    private readonly config: AppConfig,
    orm: MikroORM,
    deliverDueMails: DeliverDueMails,
    purgeFinishedMails: PurgeFinishedMails,
  ) {
    this.job = new PeriodicJob('MailDelivery', orm, (stopping) => this.deliver(deliverDueMails, stopping), (n) => `Sent ${n} mail(s)`);
    const { retentionDays } = config.events;
    this.purge = new PeriodicJob('MailPurge', orm, () => purgeFinishedMails.execute(retentionDays), (n) => `Forgot ${n} sent or given-up mail(s)`);
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.mail.deliveryIntervalMs / 1000);
    this.purge.start(600);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.job.stop(), this.purge.stop()]);
  }

  private async deliver(deliverDueMails: DeliverDueMails, stopping: Stopping): Promise<number> {
    const { sent, failures } = await deliverDueMails.execute(stopping);
    for (const { key, template, attempts, error, gaveUp } of failures) {
      const outcome = gaveUp ? 'given up' : 'will be retried';
      this.logger.warn({ mail: { key, template, attempts }, error }, `Mail ${template} (${key}) not sent, ${outcome}: ${error}`);
    }
    return sent;
  }
}
