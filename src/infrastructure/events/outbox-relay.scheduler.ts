import { MikroORM } from '@mikro-orm/core';
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PeriodicJob } from '../scheduling/periodic-job';
import { EventBroker } from './event-broker';
import { OutboxRelay } from './outbox-relay';

/**
 * Relays the outbox every OUTBOX_RELAY_INTERVAL_MS on every instance (one at a time wins the batch). Starts
 * after every module has subscribed its handlers (they do so on init); on shutdown the relay stops before
 * the broker connection is drained.
 */
@Injectable()
export class OutboxRelayScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly job: PeriodicJob;

  constructor(
    private readonly config: AppConfig,
    orm: MikroORM,
    relay: OutboxRelay,
    private readonly broker: EventBroker,
  ) {
    this.job = new PeriodicJob('OutboxRelay', orm, () => relay.relayOnce(), (n) => `Relayed ${n} domain event(s)`);
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.events.relayIntervalMs / 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
    await this.broker.close();
  }
}
