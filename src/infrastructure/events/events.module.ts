import { Global, Module } from '@nestjs/common';
import { EventPublisher } from '../../application/shared/event-publisher';
import { LoggingEventPublisher } from './logging-event-publisher';

@Global()
@Module({ providers: [{ provide: EventPublisher, useClass: LoggingEventPublisher }], exports: [EventPublisher] })
export class EventsModule {}
