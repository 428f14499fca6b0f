import { MikroORM } from '@mikro-orm/core';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DeliverDueMails } from '../../application/notifications/deliver-due-mails';
import { AppConfig } from '../../infrastructure/config/app-config';
import { PeriodicJob } from '../../infrastructure/scheduling/periodic-job';

/** Sends due mails every MAIL_DELIVERY_INTERVAL_MS on every instance; logs each failed attempt, never a mail's content. */
@Injectable()
export class MailDeliveryScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly job: PeriodicJob;
  private readonly logger = new Logger('MailDelivery');

  constructor(
    private readonly config: AppConfig,
    orm: MikroORM,
    deliverDueMails: DeliverDueMails,
  ) {
    this.job = new PeriodicJob('MailDelivery', orm, () => this.deliver(deliverDueMails), (n) => `Sent ${n} mail(s)`);
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.mail.deliveryIntervalMs / 1000);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  private async deliver(deliverDueMails: DeliverDueMails): Promise<number> {
    const { sent, failures } = await deliverDueMails.execute();
    for (const { key, template, attempts, error, gaveUp } of failures) {
      const outcome = gaveUp ? 'given up' : 'will be retried';
      this.logger.warn({ mail: { key, template, attempts }, error }, `Mail ${template} (${key}) not sent, ${outcome}: ${error}`);
    }
    return sent;
  }
}
