import { Injectable, Logger } from '@nestjs/common';
import { EventPublisher } from '../../application/shared/event-publisher';
import type { DomainEvent } from '../../domain/shared/domain-event';

/** The in-process publisher: records each event in the log, where operators and tests can follow the flow. */
@Injectable()
export class LoggingEventPublisher extends EventPublisher {
  private readonly logger = new Logger('DomainEvents');

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      this.logger.log({ event: event.type, aggregateId: event.aggregateId, occurredAt: event.occurredAt }, 'domain event');
    }
  }
}
