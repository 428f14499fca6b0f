/** A domain event as it leaves the outbox: its own id, for consumers to deduplicate redeliveries by. */
export interface PublishedEvent {
  readonly id: string;
  readonly type: string;
  readonly aggregateId: string;
  readonly occurredAt: Date;
  /** The event's other fields, as the aggregate recorded them. */
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * A consumer of published domain events, named so that the broker keeps its place. Delivery is at least once
 * (a relay or consumer may stop between doing and acknowledging), so `handle` must be idempotent.
 */
export abstract class DomainEventHandler {
  abstract readonly name: string;
  abstract handle(event: PublishedEvent): Promise<void>;

  /** Several events, in order, all or none acknowledged: one at a time unless a handler can do better. */
  async handleAll(events: readonly PublishedEvent[]): Promise<void> {
    for (const event of events) await this.handle(event);
  }
}

/** Where contexts sign their handlers up for the events every other context publishes. */
export abstract class EventSubscriptions {
  abstract subscribe(handler: DomainEventHandler): Promise<void>;
}
