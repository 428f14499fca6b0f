import type { DomainEvent } from '../../domain/shared/domain-event';

/** Where use cases hand the events their aggregates recorded, inside the same unit of work. */
export abstract class EventPublisher {
  abstract publish(events: readonly DomainEvent[]): Promise<void>;
}
