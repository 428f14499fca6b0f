import type { EventConsumers } from '../../application/events/parked-events';
import { type DomainEventHandler, EventSubscriptions, type PublishedEvent } from '../../application/shared/domain-event-handler';

/**
 * Carries published events from the outbox relay to the subscribed handlers: NATS JetStream across instances,
 * or a direct call in this process. `publish` resolves only once the event is safely handed over.
 */
export abstract class EventBroker extends EventSubscriptions implements EventConsumers {
  private readonly byName = new Map<string, DomainEventHandler>();

  async subscribe(handler: DomainEventHandler): Promise<void> {
    this.byName.set(handler.name, handler);
    await this.attach(handler);
  }

  /** The handlers subscribed, in the order they were. */
  protected get handlers(): Iterable<DomainEventHandler> {
    return this.byName.values();
  }

  named(name: string): DomainEventHandler | undefined {
    return this.byName.get(name);
  }

  /** Starts delivering to a handler just subscribed. */
  protected abstract attach(handler: DomainEventHandler): Promise<void>;

  abstract publish(event: PublishedEvent): Promise<void>;

  /**
   * Hands over events in order and tells how many went before one failed, and why, so that the relay marks
   * exactly those published. One at a time unless a broker can do better.
   */
  async publishAll(events: readonly PublishedEvent[]): Promise<{ published: number; failure?: unknown }> {
    for (const [index, event] of events.entries()) {
      try {
        await this.publish(event);
      } catch (failure) {
        return { published: index, failure };
      }
    }
    return { published: events.length };
  }
  abstract close(): Promise<void>;
}
