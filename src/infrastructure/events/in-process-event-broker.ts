import { Logger } from '@nestjs/common';
import type { DomainEventHandler, PublishedEvent } from '../../application/shared/domain-event-handler';
import { EventBroker } from './event-broker';

/**
 * Without a broker: the relay hands each event to every handler of this process. A handler that fails stops
 * the relay at that event, which is retried with the next batch, so others may see it twice (they deduplicate).
 */
export class InProcessEventBroker extends EventBroker {
  private readonly logger = new Logger('InProcessEventBroker');
  private readonly handlers: DomainEventHandler[] = [];

  async subscribe(handler: DomainEventHandler): Promise<void> {
    this.handlers.push(handler);
    this.logger.log(`${handler.name} subscribed (in-process delivery)`);
  }

  async publish(event: PublishedEvent): Promise<void> {
    for (const handler of this.handlers) await handler.handle(event);
  }

  async close(): Promise<void> {}
}
