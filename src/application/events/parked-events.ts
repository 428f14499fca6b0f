import type { DomainEventHandler, PublishedEvent } from '../shared/domain-event-handler';
import type { Page, PageRequest } from '../shared/page';

/** An event a consumer gave up on after its retries, as an admin sees it. */
export interface ParkedEventView {
  readonly id: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly aggregateId: string;
  /** RFC 3339. */
  readonly occurredAt: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly consumer: string;
  readonly attempts: number;
  readonly lastError: string;
  /** RFC 3339. */
  readonly parkedAt: string;
}

/** The events consumers gave up on, kept until replayed or past the retention. */
export abstract class ParkedEvents {
  /** Newest first (by when the consumer first failed at the event), one consumer's only when named. */
  abstract list(request: PageRequest, consumer?: string): Promise<Page<ParkedEventView>>;
  /** The parked event and its consumer, locked until the unit of work ends; undefined when none is parked by that id. */
  abstract lockForReplay(id: string): Promise<{ consumer: string; event: PublishedEvent } | undefined>;
  /** Its consumer took it: no longer parked. */
  abstract replayed(id: string): Promise<void>;
  /** Its consumer failed at it again: one more attempt counted, the error kept, still parked. */
  abstract failedAgain(id: string, error: unknown): Promise<void>;
}

/** The consumers subscribed in this process, by name. */
export abstract class EventConsumers {
  abstract named(name: string): DomainEventHandler | undefined;
}
