import { MikroORM, RequestContext } from '@mikro-orm/core';
import { Global, Module } from '@nestjs/common';
import { EventConsumers, ParkedEvents } from '../../application/events/parked-events';
import { EventSubscriptions } from '../../application/shared/domain-event-handler';
import { EventPublisher } from '../../application/shared/event-publisher';
import { AppConfig } from '../config/app-config';
import { EventBroker } from './event-broker';
import { HandlerFailures } from './handler-failures';
import { InProcessEventBroker } from './in-process-event-broker';
import { OutboxEventPublisher } from './outbox-event-publisher';
import { OutboxRelay } from './outbox-relay';
import { OutboxRelayScheduler } from './outbox-relay.scheduler';
import { SqlParkedEvents } from './sql-parked-events';

/**
 * Domain events: use cases write them to the outbox in their transaction; the relay carries them to NATS
 * JetStream when NATS_URL is set, or straight to this process's handlers otherwise.
 */
@Global()
@Module({
  providers: [
    { provide: EventPublisher, useClass: OutboxEventPublisher },
    HandlerFailures,
    {
      provide: EventBroker,
      inject: [AppConfig, MikroORM, HandlerFailures],
      useFactory: async ({ events }: AppConfig, orm: MikroORM, failures: HandlerFailures): Promise<EventBroker> => {
        // Called inside the relay's transaction, the ORM's transactional is a savepoint of it.
        if (!events.natsUrl) return new InProcessEventBroker(failures, (work) => orm.em.transactional(() => work()));
        // Loaded only when configured: the NATS client's code is heap and start-up time an instance without it spares.
        const { NatsEventBroker } = await import('./nats-event-broker.js');
        return NatsEventBroker.connect(events.natsUrl, events.natsStream, events.retentionDays, (work) => RequestContext.create(orm.em, work), failures);
      },
    },
    { provide: EventSubscriptions, useExisting: EventBroker },
    { provide: EventConsumers, useExisting: EventBroker },
    { provide: ParkedEvents, useClass: SqlParkedEvents },
    { provide: OutboxRelay, inject: [MikroORM, EventBroker], useFactory: (orm: MikroORM, broker: EventBroker) => new OutboxRelay(orm, broker) },
    OutboxRelayScheduler,
  ],
  exports: [EventPublisher, EventSubscriptions, EventConsumers, ParkedEvents, OutboxRelay],
})
export class EventsModule {}
