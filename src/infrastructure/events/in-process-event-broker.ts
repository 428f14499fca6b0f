import { Logger } from '@nestjs/common';
import type { DomainEventHandler, PublishedEvent } from '../../application/shared/domain-event-handler';
import { EventBroker } from './event-broker';

/**
 * Without a broker: the relay hands its batch to every handler of this process. A handler that fails stops the
 * relay before that batch, which is retried, so others may see its events twice (they deduplicate).
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

  /** The relay's batch to each handler at once (the audit log writes it in one statement); all or nothing. */
  override async publishAll(events: readonly PublishedEvent[]): Promise<{ published: number; failure?: unknown }> {
    try {
      for (const handler of this.handlers) await handler.handleAll(events);
      return { published: events.length };
    } catch (failure) {
      return { published: 0, failure };
    }
  }

  async close(): Promise<void> {}
}
