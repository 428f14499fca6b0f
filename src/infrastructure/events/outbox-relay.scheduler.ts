import { MikroORM } from '@mikro-orm/core';
import { type BeforeApplicationShutdown, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PeriodicJob } from '../scheduling/periodic-job';
import { EventBroker } from './event-broker';
import { HandlerFailures } from './handler-failures';
import { OutboxRelay } from './outbox-relay';

/**
 * Relays the outbox every OUTBOX_RELAY_INTERVAL_MS on every instance (one at a time wins the batch), and forgets
 * published events, and events parked for a handler, after EVENT_RETENTION_DAYS (the JetStream stream keeps them as long). Starts
 * after every module has subscribed its handlers (they do so on init); on shutdown the relay stops, then the
 * broker connection is drained (its consumers' handlers use the database), both before the database closes.
 */
@Injectable()
export class OutboxRelayScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly job: PeriodicJob;
  private readonly purge: PeriodicJob;

  constructor(
    private readonly config: AppConfig,
    orm: MikroORM,
    relay: OutboxRelay,
    private readonly broker: EventBroker,
    failures: HandlerFailures,
  ) {
    this.job = new PeriodicJob('OutboxRelay', orm, () => relay.relayOnce(), (n) => `Relayed ${n} domain event(s)`);
    const { retentionDays } = config.events;
    const purge = async () => (await relay.purgePublished(retentionDays)) + (await failures.purgeParked(retentionDays));
    this.purge = new PeriodicJob('OutboxPurge', orm, purge, (n) => `Forgot ${n} published or parked event(s)`);
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.events.relayIntervalMs / 1000);
    this.purge.start(600);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.job.stop(), this.purge.stop()]);
    await this.broker.close();
  }
}
